using SelfHeal.Testing;
using SelfHeal.Coverage;
using SelfHeal.Processes;
using SelfHeal.Testing.Ant;
using SelfHeal.Testing.Java;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class AntTestRunnerTests
{
    private const string BuildXml = """
        <project name="shop" default="test">
          <path id="test.classpath">
            <pathelement location="build/classes"/>
            <pathelement location="build/test-classes"/>
            <pathelement location="/usr/share/java/junit4.jar"/>
            <pathelement location="/usr/share/java/hamcrest-core.jar"/>
          </path>
          <target name="compile">
            <mkdir dir="build/classes"/>
            <mkdir dir="build/test-classes"/>
            <javac srcdir="src" destdir="build/classes" includeantruntime="false" debug="true"/>
            <javac srcdir="test" destdir="build/test-classes" classpathref="test.classpath" includeantruntime="false" debug="true"/>
          </target>
          <target name="test" depends="compile">
            <mkdir dir="build/reports"/>
            <junit haltonfailure="no" fork="yes">
              <classpath refid="test.classpath"/>
              <formatter type="xml"/>
              <batchtest todir="build/reports">
                <fileset dir="test" includes="**/*Test.java"/>
              </batchtest>
            </junit>
          </target>
        </project>
        """;

    private const string Cart = """
        package shop;

        public final class Cart {
            public static int total(int[] prices) {
                int sum = 0;
                for (int i = 1; i < prices.length; i++) {
                    sum += prices[i];
                }
                return sum;
            }
        }
        """;

    private const string CartTest = """
        package shop;

        import static org.junit.Assert.assertEquals;

        import org.junit.Test;

        public class CartTest {
            @Test
            public void emptyCartIsZero() {
                assertEquals(0, Cart.total(new int[0]));
            }

            @Test
            public void totalAddsEveryPrice() {
                assertEquals(6, Cart.total(new int[] {1, 2, 3}));
            }
        }
        """;

    private static AntTestRunner Runner() => new(TestSandbox.Runner(), new JavaCoverageAgent(new ProcessRunner()), TimeProvider.System);

    [Fact]
    public async Task RunAsync_AntWithJUnit4_ReadsTheReportsWrittenDuringTheRun()
    {
        Requires.Tool("ant");
        Requires.Tool("javac");
        using var project = new SampleProject(("build.xml", BuildXml), ("src/shop/Cart.java", Cart), ("test/shop/CartTest.java", CartTest));
        Assert.True(Runner().CanRun(project.Path));

        var result = await Runner().RunAsync(new TestRunRequest(project.Path));

        Assert.Null(result.Problem);
        Assert.Equal(["shop.CartTest.emptyCartIsZero", "shop.CartTest.totalAddsEveryPrice"], result.Tests.Select(t => t.Id).Order(StringComparer.Ordinal));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("shop.CartTest.totalAddsEveryPrice", failure.Id);
        Assert.Contains("expected:<6> but was:<5>", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_JavaThatDoesNotCompile_IsABuildProblem()
    {
        Requires.Tool("ant");
        Requires.Tool("javac");
        using var project = new SampleProject(("build.xml", BuildXml), ("src/shop/Cart.java", Cart.Replace("return sum;", "return sum", StringComparison.Ordinal)), ("test/shop/CartTest.java", CartTest));

        var result = await Runner().RunAsync(new TestRunRequest(project.Path));

        Assert.StartsWith("the build failed: src/shop/Cart.java:9: error: ';' expected", result.Problem, StringComparison.Ordinal);
        Assert.Empty(result.Tests);
    }

    [Fact]
    public async Task RunAsync_WithCoverage_RecordsTheLinesEachTestExecuted()
    {
        Requires.Tool("ant");
        Requires.Tool("javac");
        using var project = new SampleProject(("build.xml", BuildXml), ("src/shop/Cart.java", Cart), ("test/shop/CartTest.java", CartTest));
        var before = project.Entries();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { CollectCoverage = true });

        Assert.Null(result.Problem);
        Assert.Single(result.Failures);
        Assert.NotNull(result.Coverage);
        var slices = result.Coverage.Slices;
        var failing = Assert.Single(slices, s => s.TestIds.SequenceEqual(["shop.CartTest.totalAddsEveryPrice"]));
        Assert.Contains(new SourceLine("src/shop/Cart.java", 7), failing.Lines);
        Assert.Contains(new SourceLine("test/shop/CartTest.java", 15), failing.Lines);
        var empty = Assert.Single(slices, s => s.TestIds.SequenceEqual(["shop.CartTest.emptyCartIsZero"]));
        Assert.Contains(new SourceLine("src/shop/Cart.java", 6), empty.Lines);
        Assert.DoesNotContain(new SourceLine("src/shop/Cart.java", 7), empty.Lines);
        Assert.DoesNotContain(new SourceLine("test/shop/CartTest.java", 15), empty.Lines);
        Assert.Equal(before, project.Entries().Where(e => e != "build" && !e.StartsWith("build/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_WithCoverageOfClassesWithoutLineNumbers_SaysWhy()
    {
        Requires.Tool("ant");
        Requires.Tool("javac");
        using var project = new SampleProject(("build.xml", BuildXml.Replace(" debug=\"true\"", "", StringComparison.Ordinal)), ("src/shop/Cart.java", Cart), ("test/shop/CartTest.java", CartTest));

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { CollectCoverage = true });

        Assert.Null(result.Problem);
        Assert.Null(result.Coverage);
        Assert.Contains(result.Notes, n => n.Contains("without line numbers", StringComparison.Ordinal));
    }
}
