package org.convkit.corpora;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a delimited file into fields. Tab-separated files are split on every tab with
 * no quoting (the GLUE convention, where sentences contain quote characters); comma-separated files
 * follow RFC 4180: a field may be enclosed in double quotes, inside which the delimiter is literal and
 * {@code ""} stands for one quote. Records spanning several lines are not supported.
 */
public final class DelimitedLine {

    private DelimitedLine() {
    }

    /**
     * Splits a line.
     *
     * @param line      the line without its line end
     * @param delimiter the field separator, usually {@code '\t'} or {@code ','}
     * @param quoted    whether double quotes enclose fields (RFC 4180)
     * @return the fields in order; an empty line gives one empty field
     * @throws IllegalArgumentException if a quoted field is not closed, or a closing quote is followed
     *                                  by something other than the delimiter
     */
    public static List<String> split(String line, char delimiter, boolean quoted) {
        List<String> fields = new ArrayList<>();
        if (!quoted) {
            int start = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == delimiter) {
                    fields.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            fields.add(line.substring(start));
            return fields;
        }
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                int open = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            closed = true;
                            i++;
                            break;
                        }
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("quoted field opened at column " + (open + 1)
                        + " is not closed (records spanning lines are not supported)");
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new IllegalArgumentException("expected '" + printable(delimiter)
                        + "' or end of line after the closing quote at column " + i + ", found '"
                        + line.charAt(i) + "'");
                }
            } else {
                while (i < n && line.charAt(i) != delimiter) {
                    field.append(line.charAt(i));
                    i++;
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the delimiter
        }
    }

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }
}
