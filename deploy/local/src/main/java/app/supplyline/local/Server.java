package app.supplyline.local;

/** A server of the embedded stack: started once it is configured, stopped by {@link #close()}. */
public interface Server extends AutoCloseable {

    /** Starts the server and returns once it answers; fails naming the server and why. */
    void start();

    @Override
    void close();
}
