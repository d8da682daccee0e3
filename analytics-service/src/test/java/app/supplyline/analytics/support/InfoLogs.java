package app.supplyline.analytics.support;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** What the service logs at INFO and above while it is open: the lines an operator's log store keeps. */
public final class InfoLogs implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                // JBoss Logging's infof keeps a printf pattern and its values apart: the formatted line is what a
                // log store keeps
                String text = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatter.formatMessage(record);
                java.io.StringWriter thrown = new java.io.StringWriter();
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new java.io.PrintWriter(thrown));
                }
                lines.add(record.getLoggerName() + ": " + text + (thrown.getBuffer().isEmpty() ? "" : "\n" + thrown));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public InfoLogs() {
        Logger.getLogger("").addHandler(handler);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
