package io.laminar;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every clojure.test namespace under {@code test/laminar} inside the Maven build, one JUnit test per
 * namespace, so a Clojure failure fails {@code mvn verify} like a Java one.
 */
class ClojureTests {
    @TestFactory
    Stream<DynamicTest> clojureNamespaces() throws IOException, URISyntaxException {
        Path root = Path.of(ClojureTests.class.getResource("/laminar").toURI());
        List<String> namespaces;
        try (Stream<Path> files = Files.walk(root)) {
            namespaces = files.filter(p -> p.toString().endsWith("_test.clj"))
                    .map(p -> "laminar." + root.relativize(p).toString().replace(".clj", "").replace('/', '.').replace('_', '-'))
                    .sorted().toList();
        }
        IFn require = Clojure.var("clojure.core", "require");
        IFn runTests = Clojure.var("clojure.test", "run-tests");
        return namespaces.stream().map(ns -> DynamicTest.dynamicTest(ns, () -> {
            require.invoke(Clojure.read(ns));
            @SuppressWarnings("unchecked")
            Map<Object, Object> summary = (Map<Object, Object>) runTests.invoke(Clojure.read(ns));
            long fail = ((Number) summary.get(Clojure.read(":fail"))).longValue();
            long error = ((Number) summary.get(Clojure.read(":error"))).longValue();
            long tests = ((Number) summary.get(Clojure.read(":test"))).longValue();
            if (tests == 0) throw new AssertionError(ns + " has no tests");
            if (fail + error > 0) throw new AssertionError(ns + ": " + fail + " failures, " + error + " errors (see output above)");
        }));
    }
}
