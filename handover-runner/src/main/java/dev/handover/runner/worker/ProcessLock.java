package dev.handover.runner.worker;

import dev.handover.runner.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An exclusive lock on the files one configuration writes (the worker's state and write-ahead, the seen webhook
 * deliveries, the journal), held by one process at a time: two processes appending to one journal tear its lines and
 * lose handovers. Each guarded file has a lock file beside it, {@code <file>.lock}, locked with the operating system's
 * file lock; the holder writes its pid, command and start time into it so a refused process can name it. The
 * operating system releases the lock when the process ends, however it ends (kill -9 included), so a lock file left
 * behind never blocks anyone.
 */
public final class ProcessLock implements AutoCloseable {
    /** How often a waiting process tries again. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * The lock files this JVM holds, with what it wrote into them. A second channel on a held file must not be opened
     * here: closing any descriptor of a file drops all of the process's POSIX locks on it.
     */
    private static final ConcurrentMap<Path, String> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final List<FileChannel> channels;
    private final List<FileLock> locks;
    private final List<Path> paths;

    private ProcessLock(List<FileChannel> channels, List<FileLock> locks, List<Path> paths) {
        this.channels = channels;
        this.locks = locks;
        this.paths = paths;
    }

    /** Thrown when another process holds the lock: the message names the file, and the holder when it is known. */
    public static final class HeldException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    /** The lock file guarding a file: {@code <file>.lock} beside it. */
    public static Path fileFor(Path guarded) {
        Path abs = guarded.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".lock");
    }

    /**
     * Locks every guarded file, in the order given, waiting up to {@code wait} for a holder to finish.
     *
     * @param guarded the files to guard (a lock file is made beside each; the same file twice is locked once)
     * @param wait how long to wait for another process to let go; zero refuses at once
     * @param command what this process is, for the message another process shows ({@code run}, {@code transfer})
     * @param clock stamps the start time written into the lock file
     * @throws HeldException when another process still holds one of them after {@code wait}
     * @throws UncheckedIOException when a lock file cannot be created or locked
     */
    public static ProcessLock acquire(List<Path> guarded, Duration wait, String command, Clock clock) {
        Objects.requireNonNull(wait, "wait");
        List<Path> files = guarded.stream().map(ProcessLock::fileFor).distinct().toList();
        String holder =
                "pid=" + ProcessHandle.current().pid() + " command=" + command + " since=" + clock.instant() + "\n";
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        List<FileChannel> channels = new ArrayList<>();
        List<FileLock> locks = new ArrayList<>();
        List<Path> mine = new ArrayList<>();
        try {
            for (Path f : files) {
                FileLock lock = null;
                while (lock == null) {
                    String other = IN_THIS_JVM.putIfAbsent(f, holder);
                    if (other == null) {
                        FileChannel ch = OwnerOnly.open(
                                f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                        lock = ch.tryLock();
                        if (lock == null) {
                            other = holder(ch);
                            ch.close(); // this process holds no lock on the file: closing loses none
                            IN_THIS_JVM.remove(f);
                        } else {
                            channels.add(ch);
                            mine.add(f);
                            ch.truncate(0);
                            ch.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
                            ch.force(false);
                            break;
                        }
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        throw new HeldException(refusal(f, other.strip(), wait));
                    }
                    // a lock wait is I/O, not logic: what it waits for is the holder's end
                    LockSupport.parkNanos(RETRY_NANOS);
                }
                locks.add(lock);
            }
            return new ProcessLock(channels, locks, mine);
        } catch (IOException e) {
            release(locks, channels, mine);
            throw new UncheckedIOException("a lock file cannot be locked: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(locks, channels, mine);
            throw e;
        }
    }

    private static String refusal(Path file, String holder, Duration wait) {
        return "another handover process holds " + file + (holder.isEmpty() ? "" : " (" + holder + ")")
                + (wait.isZero() ? "" : " and did not let go within " + wait.toSeconds() + "s")
                + ": two processes on one configuration would tear the journal and lose handovers; wait for it to"
                + " finish or stop it (the lock goes with the process, so a lock file left behind blocks no one)";
    }

    /** What the holder wrote into the lock file: {@code pid=… command=… since=…}, or empty when not yet known. */
    private static String holder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(512);
            ch.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            // only what the lock's own format allows is shown: the file might hold anything
            return text.matches("pid=\\d+ command=[a-z -]+ since=[0-9T:.Z-]+") ? text : "";
        } catch (IOException e) {
            return ""; // some systems do not let a locked file be read
        }
    }

    /** Lets go; the lock files stay (removing them would race a process about to lock them). */
    @Override
    public synchronized void close() {
        release(locks, channels, paths);
        locks.clear();
        channels.clear();
        paths.clear();
    }

    private static void release(List<FileLock> locks, List<FileChannel> channels, List<Path> paths) {
        for (FileLock l : locks) {
            try {
                l.release();
            } catch (IOException e) {
                // closing the channel below releases it too
            }
        }
        for (FileChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                // the lock dies with the channel
            }
        }
        paths.forEach(IN_THIS_JVM::remove);
    }
}
