package dev.handover.runner.config;

/**
 * Where something is in a configuration file, for error messages: {@code handover.yaml:12:5}.
 *
 * @param file the file's name as given
 * @param line 1-based line
 * @param column 1-based column
 */
public record Location(String file, int line, int column) implements Comparable<Location> {
    @Override
    public int compareTo(Location o) {
        int byLine = Integer.compare(line, o.line);
        return byLine != 0 ? byLine : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
