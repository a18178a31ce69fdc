using SelfHeal.Processes;
using SelfHeal.Sandboxing;

namespace SelfHeal.Repair.Tokens;

/// <summary>
/// Checks candidate texts before any test runs, many per process: Python with <c>compile()</c> in one
/// <c>python3</c>, JavaScript with <c>vm</c> in one <c>node</c> (ES modules through
/// <c>SourceTextModule</c>), Go with one <c>gofmt -e</c>, Java with javac's parser (<c>JavacTask.parse</c>,
/// syntax only: no types, so no classpath) in one <c>java</c>. Every text first passes the in-memory
/// <see cref="TokenBalance"/> check, which is all TypeScript gets.
/// Texts go to temporary copies, never to the worktree; the checkers run in the sandbox, writable only there.
/// A checker that cannot start accepts everything.
/// </summary>
internal sealed class SyntaxChecker(SandboxedCommandRunner runner, TokenRepairOptions options)
{
    private const string PythonScript =
        "import sys\nfor p in sys.argv[1:]:\n    try:\n        compile(open(p, encoding='utf-8').read(), p, 'exec')\n        print('ok')\n    except Exception:\n        print('bad')\n";

    private const string NodeScript =
        "const vm = require('vm'); const fs = require('fs');\n" +
        "for (const p of process.argv.slice(1)) { const src = fs.readFileSync(p, 'utf8');\n" +
        "  try { if (p.endsWith('.mjs')) { new vm.SourceTextModule(src); } else { vm.compileFunction(src, ['exports', 'require', 'module', '__filename', '__dirname']); } console.log('ok'); }\n" +
        "  catch (e) { console.log('bad'); } }\n";

    private const string JavaParserSource =
        "import javax.tools.*; import com.sun.source.util.JavacTask; import java.io.File; import java.util.List;\n" +
        "public class SyntaxCheck { public static void main(String[] args) throws Exception {\n" +
        "  JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();\n" +
        "  try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) { for (String path : args) {\n" +
        "    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();\n" +
        "    JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics, List.of(\"-proc:none\"), null, files.getJavaFileObjects(new File(path)));\n" +
        "    task.parse();\n" +
        "    System.out.println(diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR) ? \"bad\" : \"ok\"); } } } }\n";

    /// <summary>For each text, whether it parses. <paramref name="fileName"/> names the temporary copies.</summary>
    public async Task<IReadOnlyList<bool>> CheckAsync(TokenLanguage language, string fileName, bool module, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var results = texts.Select(t => TokenBalance.IsPlausible(t, language)).ToArray();
        if (!options.SyntaxCheck || fileName.EndsWith(".ts", StringComparison.OrdinalIgnoreCase) || !results.Any(r => r))
        {
            return results;
        }
        var root = Path.Combine(Path.GetTempPath(), "selfheal-syntax-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var extension = language == TokenLanguage.JavaScript ? (module ? ".mjs" : ".cjs") : Path.GetExtension(fileName);
            var name = Path.GetFileNameWithoutExtension(fileName) + extension;
            var paths = new List<(int Index, string Path)>();
            for (var i = 0; i < texts.Count; i++)
            {
                if (!results[i])
                {
                    continue;
                }
                var dir = Path.Combine(root, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(dir);
                var path = Path.Combine(dir, name);
                await File.WriteAllTextAsync(path, texts[i], cancellationToken).ConfigureAwait(false);
                paths.Add((i, path));
            }
            if (language == TokenLanguage.Java)
            {
                await File.WriteAllTextAsync(Path.Combine(root, "SyntaxCheck.java"), JavaParserSource, cancellationToken).ConfigureAwait(false);
            }
            var spec = language switch
            {
                TokenLanguage.Java => new CommandSpec("java", [Path.Combine(root, "SyntaxCheck.java"), .. paths.Select(p => p.Path)], root),
                TokenLanguage.Python => new CommandSpec("python3", ["-c", PythonScript, .. paths.Select(p => p.Path)], root),
                TokenLanguage.JavaScript => new CommandSpec("node", ["--experimental-vm-modules", "--no-warnings", "-e", NodeScript, .. paths.Select(p => p.Path)], root),
                _ => new CommandSpec("gofmt", ["-e", "-l", .. paths.Select(p => p.Path)], root),
            };
            var result = await runner.RunAsync(spec with { Timeout = options.CheckTimeout }, root, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.StartError is not null || result.TimedOut)
            {
                return results;
            }
            if (language == TokenLanguage.Go)
            {
                foreach (var (index, path) in paths)
                {
                    results[index] = !result.Output.Contains(path + ":", StringComparison.Ordinal);
                }
                return results;
            }
            var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l is "ok" or "bad").ToList();
            for (var k = 0; k < paths.Count && k < lines.Count; k++)
            {
                results[paths[k].Index] = lines[k] == "ok";
            }
            return results;
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: temporary copies only.
            }
        }
    }
}
