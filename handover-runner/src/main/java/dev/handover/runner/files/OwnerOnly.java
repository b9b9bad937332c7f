package dev.handover.runner.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates files {@code 0600} and directories {@code 0700} on POSIX file systems, and tightens a file of the runner's
 * found readable by others (an older version wrote {@code 0644}) to {@code 0600}, with a warning naming it. On other
 * file systems (Windows) the files get what the directory gives them. Directories that already exist are left as they
 * are: they are the operator's (the configuration's directory, the working directory).
 */
public final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger("handover.files");
    private static final Set<PosixFilePermission> FILE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> DIRECTORY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private OwnerOnly() {}

    /** Creates the missing directories of this path, each {@code 0700}. */
    public static void directories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return;
        }
        Path parent = abs.getParent();
        if (parent != null) {
            directories(parent);
        }
        try {
            if (posix(parent)) {
                Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectory(abs);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) {
                throw e;
            }
        }
    }

    /**
     * Opens a file, creating it {@code 0600} (and its missing directories {@code 0700}) when {@code options} say so;
     * an existing file readable by others is tightened.
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (Arrays.asList(options).contains(StandardOpenOption.CREATE)
                || Arrays.asList(options).contains(StandardOpenOption.CREATE_NEW)) {
            directories(parent);
        }
        if (posix(parent)) {
            if (Files.exists(file)) {
                tighten(file);
            }
            return FileChannel.open(file, new HashSet<>(Arrays.asList(options)), attribute());
        }
        return FileChannel.open(file, options);
    }

    /**
     * Replaces the file's content atomically: a new {@code 0600} file beside it, fsync'd, then renamed over it. A crash
     * leaves the old content or the new, never half of it.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.deleteIfExists(tmp); // a left-over of a crash may carry wider permissions
        try (FileChannel ch = open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes a new file {@code 0600}, or overwrites an existing one keeping the permissions its owner gave it: for
     * documents the operator asked for at a path of their choosing (a report).
     */
    public static void write(Path file, byte[] content) throws IOException {
        FileAttribute<?>[] attrs = posix(file.toAbsolutePath().getParent()) && !Files.exists(file)
                ? new FileAttribute<?>[] {attribute()}
                : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                attrs)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    /**
     * As {@link #write}, for content written as it is made (a year's report in JSON is hundreds of megabytes): a new
     * file {@code 0600}, an existing one overwritten with the permissions its owner gave it.
     */
    public static java.io.OutputStream output(Path file) throws IOException {
        FileAttribute<?>[] attrs = posix(file.toAbsolutePath().getParent()) && !Files.exists(file)
                ? new FileAttribute<?>[] {attribute()}
                : new FileAttribute<?>[0];
        FileChannel ch = FileChannel.open(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                attrs);
        return java.nio.channels.Channels.newOutputStream(ch);
    }

    /** Makes an existing file {@code 0600} when group or others may read or write it; says so in the log. */
    public static void tighten(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> now = view.readAttributes().permissions();
        Set<PosixFilePermission> wider = EnumSet.noneOf(PosixFilePermission.class);
        wider.addAll(now);
        wider.removeAll(DIRECTORY);
        if (!wider.isEmpty()) {
            view.setPermissions(FILE);
            LOG.warn(
                    "file={} was readable by others ({}); made it owner-only (rw-------): it holds customer names,"
                            + " ticket ids or feedback",
                    file.toAbsolutePath(),
                    PosixFilePermissions.toString(now));
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    private static boolean posix(Path dir) {
        Path d = dir == null ? Path.of("").toAbsolutePath() : dir;
        return d.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
