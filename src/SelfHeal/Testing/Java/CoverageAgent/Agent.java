// SelfHeal's per-test line coverage agent for JVM test runs (JUnit 4).
//
// Loaded with -javaagent (through JAVA_TOOL_OPTIONS, so the test JVMs a build tool forks load it too). It reads
// selfheal-coverage.properties beside its own jar: `root`, the folder whose classes are instrumented (the worktree),
// and writes one line per finished test to coverage-<pid>.tsv in the same folder:
//     <test class>.<test method> TAB <path/of/Source.java>:<line> TAB ...
// Lines are probed with the JDK's own copy of ASM (java.base exports it to this agent at start), so the agent needs
// nothing but the JDK that runs the tests. Test boundaries come from JUnit 4's RunNotifier. A class the agent cannot
// instrument is loaded unchanged: coverage is a hint for localization, never a reason for a test to behave differently.
package selfheal.coverage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

public final class Agent {
    private Agent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        try {
            Path folder = Paths.get(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            Properties settings = new Properties();
            try (InputStream in = Files.newInputStream(folder.resolve("selfheal-coverage.properties"))) {
                settings.load(in);
            }
            Module base = Object.class.getModule();
            instrumentation.redefineModule(base, Set.of(), Map.of("jdk.internal.org.objectweb.asm", Set.of(Agent.class.getModule())),
                Map.of(), Set.of(), Map.of());
            Probes.start(folder.resolve("coverage-" + ProcessHandle.current().pid() + ".tsv"));
            instrumentation.addTransformer(new Transformer(Paths.get(settings.getProperty("root")).toAbsolutePath().normalize()));
        } catch (Exception | LinkageError e) {
            System.err.println("selfheal coverage agent: not recording coverage: " + e);
        }
    }

    /** Chooses what to instrument; the ASM code lives in {@link Instrumenter}, loaded only once java.base exports ASM. */
    private static final class Transformer implements ClassFileTransformer {
        private final Path root;

        Transformer(Path root) {
            this.root = root;
        }

        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
            if (name == null || redefined != null) {
                return null;
            }
            try {
                if (name.equals("org/junit/runner/notification/RunNotifier")) {
                    return Instrumenter.junitNotifier(bytes);
                }
                if (loader == null || name.startsWith("selfheal/coverage/") || !underRoot(domain)) {
                    return null;
                }
                return Instrumenter.lines(bytes);
            } catch (Throwable e) {
                return null;
            }
        }

        private boolean underRoot(ProtectionDomain domain) {
            try {
                if (domain == null || domain.getCodeSource() == null || domain.getCodeSource().getLocation() == null) {
                    return false;
                }
                Path location = Paths.get(domain.getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
                return location.startsWith(root);
            } catch (Exception e) {
                return false;
            }
        }
    }

    /** The probes the instrumented code calls, and the per-test record. */
    public static final class Probes {
        private static final Object LOCK = new Object();
        private static final List<String> LINES = new ArrayList<>();
        private static final Map<String, Integer> IDS = new HashMap<>();
        private static volatile boolean[] hits = new boolean[1024];
        private static volatile String test;
        private static Path output;

        private Probes() {
        }

        static void start(Path file) {
            output = file;
        }

        /** The id of source line <c>path:line</c>, given once per line when a class is instrumented. */
        static int id(String path, int line) {
            String key = path + ":" + line;
            synchronized (LOCK) {
                Integer id = IDS.get(key);
                if (id == null) {
                    id = LINES.size();
                    LINES.add(key);
                    IDS.put(key, id);
                }
                return id;
            }
        }

        public static void hit(int id) {
            boolean[] current = hits;
            if (id < current.length) {
                current[id] = true;
                return;
            }
            synchronized (LOCK) {
                boolean[] grown = java.util.Arrays.copyOf(hits, Math.max(id + 1, hits.length * 2));
                grown[id] = true;
                hits = grown;
            }
        }

        public static void testStarted(Object description) {
            synchronized (LOCK) {
                hits = new boolean[Math.max(1024, LINES.size())];
                test = name(description);
            }
        }

        public static void testFinished(Object description) {
            String finished;
            boolean[] seen;
            List<String> keys;
            synchronized (LOCK) {
                finished = test;
                seen = hits;
                keys = new ArrayList<>(LINES);
                test = null;
                hits = new boolean[Math.max(1024, LINES.size())];
            }
            if (finished == null || output == null) {
                return;
            }
            StringBuilder line = new StringBuilder(finished.replace('\t', ' ').replace('\n', ' '));
            for (int i = 0; i < seen.length && i < keys.size(); i++) {
                if (seen[i]) {
                    line.append('\t').append(keys.get(i));
                }
            }
            line.append('\n');
            try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                writer.write(line.toString());
            } catch (IOException e) {
                System.err.println("selfheal coverage agent: cannot write " + output + ": " + e);
            }
        }

        /** JUnit 4's Description prints as <c>method(class)</c> (parameterized: <c>method[0](class)</c>). */
        private static String name(Object description) {
            String text = String.valueOf(description);
            int open = text.lastIndexOf('(');
            if (open > 0 && text.endsWith(")")) {
                return text.substring(open + 1, text.length() - 1) + "." + text.substring(0, open);
            }
            return text;
        }
    }
}
