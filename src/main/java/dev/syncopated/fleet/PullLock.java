package dev.syncopated.fleet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One pull at a time on a node: an advisory lock on {@code pull.lock} in the state directory, which
 * the kernel releases when the process ends, however it ends, so a crashed pull never leaves a stale lock.
 */
public final class PullLock implements AutoCloseable {
    public static final String FILE = "pull.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private PullLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another pull holds it. */
    public static Optional<PullLock> tryAcquire(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        FileChannel channel = FileChannel.open(stateDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new PullLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            channel.close();
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
