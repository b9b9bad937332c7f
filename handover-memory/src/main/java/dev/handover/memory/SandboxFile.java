package dev.handover.memory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handover.memory.InMemoryCrm.State;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The file a sandbox keeps its whole state in, between processes. Opening it takes an exclusive lock on a sibling
 * {@code <file>.lock}, held until {@link #close()}: a second process on the same file is refused at once with a message
 * that says so, rather than one of them silently losing the other's writes. Every save writes a temporary file in the
 * same directory and moves it over the old one atomically, so a crash leaves the previous state or the new one, never
 * half of one.
 */
final class SandboxFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SandboxFile(Path file, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Locks the file (creating its directory if needed); refuses when another process or connector holds it. */
    static SandboxFile open(Path file) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("the sandbox file " + file + " is in use by another process (it holds "
                        + lockFile + "); run the commands one after the other");
            }
            return new SandboxFile(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open the sandbox file " + file + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return file;
    }

    /** The state saved last, or empty when there is no file yet. */
    Optional<State> load() {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new IllegalStateException(where + ": the sandbox file is not valid JSON (" + problem(e)
                    + "); repair it, or delete it to start again from the configured data");
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            throw new UncheckedIOException("cannot read the sandbox file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalStateException(
                    file + ": the sandbox file is empty; delete it to start again from the configured data");
        }
        try {
            return Optional.of(SandboxCodec.read(root));
        } catch (SandboxCodec.BadContent e) {
            throw new IllegalStateException(file + ": at " + e.path + ": " + e.getMessage()
                    + "; repair it, or delete the file to start again from the configured data");
        }
    }

    /** The parser's problem in one line, without its note of where the source is (the message starts with that). */
    private static String problem(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        m = m.lines().findFirst().orElse("").strip();
        m = m.replaceAll("\\s*\\(for [^\\[]*\\[Source:[^\\]]*\\]\\)", "");
        int source = m.indexOf(" at [Source");
        return source < 0 ? m : m.substring(0, source);
    }

    /**
     * Saves the state, taken while holding this file's monitor so that of two threads saving the later state is the one
     * that stays.
     */
    synchronized void save(Supplier<State> state) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                JSON.writeValue(out, SandboxCodec.write(state.get()));
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // same directory, so only an unusual file system says no: better a plain replace than no save
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the sandbox file " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is only litter
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held any more
            }
        }
    }
}
