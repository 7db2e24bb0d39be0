package io.laminar.connector.files;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resolves a source's {@code path} option to the files it names, in lexicographic path order: a file; a directory
 * (its regular files, not recursive, skipping hidden files and {@code *.errors.jsonl}); or a glob
 * ({@code *}, {@code ?}, {@code [..]}, <code>{a,b}</code> within a name, {@code **} across directories, also
 * matching no directory at all).
 */
final class FileSet {
    static final String ERRORS_SUFFIX = ".errors.jsonl";

    private FileSet() {}

    static boolean isGlob(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') return true;
        }
        return false;
    }

    /** The files {@code path} names; throws a ConnectorException naming the path when there are none. */
    static List<Path> resolve(String objectName, String path) {
        List<Path> files;
        try {
            files = isGlob(path) ? glob(path) : plain(path);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.CONNECTOR, "cannot list files for '" + path + "' in " + objectName
                    + ": " + e, Map.of("object", objectName, "path", path), e);
        }
        if (files.isEmpty()) {
            Path p = Path.of(isGlob(path) ? globBase(path) : path).toAbsolutePath().normalize();
            String why = !isGlob(path) && !Files.exists(p) ? "no such file or directory"
                    : isGlob(path) ? "no file matches the pattern" : "the directory holds no data files";
            throw new ConnectorException(ErrorCode.CONNECTOR, "FILES source " + objectName + ": nothing to read at '"
                    + path + "' (" + why + "; looked in " + p + ")", Map.of("object", objectName, "path", path), null);
        }
        return files;
    }

    private static List<Path> plain(String path) throws IOException {
        Path p = Path.of(path);
        if (Files.isRegularFile(p)) return List.of(p);
        if (!Files.isDirectory(p)) return List.of();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(p)) {
            s.filter(f -> Files.isRegularFile(f) && !isHiddenName(f) && !f.getFileName().toString().endsWith(ERRORS_SUFFIX))
                    .forEach(out::add);
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    private static boolean isHiddenName(Path f) {
        return f.getFileName().toString().startsWith(".");
    }

    /** The directory part of a glob before its first wildcard segment. */
    static String globBase(String path) {
        String normalized = path.replace('\\', '/');
        int firstWild = 0;
        while (firstWild < normalized.length() && "*?[{".indexOf(normalized.charAt(firstWild)) < 0) firstWild++;
        int slash = normalized.lastIndexOf('/', firstWild);
        if (slash < 0) return ".";
        return slash == 0 ? "/" : normalized.substring(0, slash);
    }

    private static List<Path> glob(String path) throws IOException {
        String normalized = path.replace('\\', '/');
        String baseText = globBase(normalized);
        String pattern = baseText.equals(".") && !normalized.startsWith("./") ? normalized
                : normalized.substring(baseText.equals("/") ? 1 : baseText.length() + 1);
        Path base = Path.of(baseText);
        if (!Files.isDirectory(base)) return List.of();
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        if (pattern.contains("**/")) {
            // '**/' should also match no directory at all: data/**/x.csv matches data/x.csv
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("**/", "")));
        }
        boolean deep = pattern.contains("**");
        int depth = deep ? Integer.MAX_VALUE : (int) pattern.chars().filter(c -> c == '/').count() + 1;
        boolean wantsErrors = pattern.endsWith(ERRORS_SUFFIX);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(base, depth)) {
            s.filter(f -> Files.isRegularFile(f))
                    .filter(f -> {
                        Path rel = base.relativize(f);
                        for (PathMatcher m : matchers) if (m.matches(rel)) return true;
                        return false;
                    })
                    .filter(f -> wantsErrors || !f.getFileName().toString().endsWith(ERRORS_SUFFIX))
                    .forEach(out::add);
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }
}
