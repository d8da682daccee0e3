package app.supplyline.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A mail catcher for the local stack (GreenMail's SMTP server on loopback): Keycloak's sign-up verification and
 * password-reset mails land here instead of anyone's inbox. Each mail is also written to {@code <dir>/<n>-<to>.eml},
 * which the stack prints, so a person can open the links; tests read them with {@link #mailsTo}.
 */
public final class LocalMailServer implements Server {

    private final int port;
    private final Path dir;
    private GreenMail mail;
    private ScheduledExecutorService writer;
    private int written;

    public LocalMailServer(int port, Path dir) {
        this.port = port;
        this.dir = dir.toAbsolutePath();
    }

    @Override
    public void start() {
        Ports.requireFree(port, "the mail catcher");
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StackException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-catcher-files");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(this::writeNew, 500, 500, TimeUnit.MILLISECONDS);
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** A mail as a test reads it. */
    public record Mail(List<String> to, String subject, String body) {
    }

    /** Every mail received so far for {@code address}, oldest first. */
    public List<Mail> mailsTo(String address) {
        List<Mail> found = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                List<String> to = Arrays.stream(m.getAllRecipients()).map(Address::toString).toList();
                if (to.stream().anyMatch(t -> t.equalsIgnoreCase(address) || t.toLowerCase().contains("<" + address.toLowerCase() + ">"))) {
                    found.add(new Mail(to, m.getSubject(), GreenMailUtil.getBody(m)));
                }
            } catch (MessagingException e) {
                throw new StackException("Cannot read a caught mail: " + e.getMessage(), e);
            }
        }
        return found;
    }

    private synchronized void writeNew() {
        MimeMessage[] all = mail.getReceivedMessages();
        for (; written < all.length; written++) {
            try {
                String to = all[written].getAllRecipients()[0].toString().replaceAll("[^A-Za-z0-9@._-]", "_");
                try (OutputStream out = Files.newOutputStream(dir.resolve(String.format("%04d-%s.eml", written + 1, to)))) {
                    all[written].writeTo(out);
                }
            } catch (IOException | MessagingException e) {
                System.err.println("Mail catcher: cannot write mail " + (written + 1) + ": " + e.getMessage());
            }
        }
    }

    public void stop() {
        if (writer != null) {
            writer.shutdownNow();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
