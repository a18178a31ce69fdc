using SelfHeal.Patches;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Patches;

public sealed class PatchDocumentTests
{
    [Fact]
    public async Task Parse_RealGitDiff_ReadsModifiedAddedDeletedAndRenamedFiles()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("src/calc.py", "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n");
        repo.Write("src/old_name.py", "one\ntwo\nthree\nfour\nfive\nsix\nseven\n");
        repo.Write("docs/obsolete.md", "gone\n");
        await repo.CommitAllAsync("initial");
        repo.Write("src/calc.py", "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n");
        await repo.GitAsync("mv", "src/old_name.py", "src/new_name.py");
        repo.Write("src/new_name.py", "one\ntwo\nthree\nfour\nfive\nsix\nseven!\n");
        File.Delete(Path.Combine(repo.Path, "docs/obsolete.md"));
        repo.Write("src/added.py", "x = 1\n");
        await repo.GitAsync("add", "-A");

        var result = PatchDocument.Parse(await repo.GitAsync("diff", "--cached", "-M"));

        Assert.True(result.Succeeded, result.Error);
        var files = result.Document.Files.ToDictionary(f => f.Path);
        Assert.Equal(4, files.Count);
        Assert.Equal(FileChangeKind.Deleted, files["docs/obsolete.md"].Kind);
        Assert.Null(files["docs/obsolete.md"].NewPath);
        Assert.Equal(FileChangeKind.Added, files["src/added.py"].Kind);
        Assert.Null(files["src/added.py"].OldPath);
        Assert.Equal("100644", files["src/added.py"].NewMode);
        var renamed = files["src/new_name.py"];
        Assert.Equal(FileChangeKind.Renamed, renamed.Kind);
        Assert.Equal("src/old_name.py", renamed.OldPath);
        Assert.Equal(["src/old_name.py", "src/new_name.py"], renamed.Paths);
        var calc = files["src/calc.py"];
        Assert.Equal(FileChangeKind.Modified, calc.Kind);
        var removed = Assert.Single(calc.Hunks.SelectMany(h => h.RemovedLines));
        var added = Assert.Single(calc.Hunks.SelectMany(h => h.AddedLines));
        Assert.Equal(("    return a - b", 2), (removed.Text, removed.OldLineNumber!.Value));
        Assert.Equal(("    return a + b", 2), (added.Text, added.NewLineNumber!.Value));
    }

    [Fact]
    public async Task Parse_QuotedPathsWithSpacesAndUnicode_UnquotesThem()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("notes/with space.txt", "a\nb\n");
        await repo.CommitAllAsync("initial");
        repo.Write("notes/with space.txt", "a\nB\n");
        repo.Write("notes/café €.txt", "new\n");
        repo.Write("notes/tab\"quote.txt", "q\n");
        await repo.GitAsync("add", "-A");

        var diff = await repo.GitAsync("diff", "--cached");
        var result = PatchDocument.Parse(diff);

        Assert.Contains("\"b/notes/caf\\303\\251 \\342\\202\\254.txt\"", diff, StringComparison.Ordinal);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["notes/café €.txt", "notes/tab\"quote.txt", "notes/with space.txt"], result.Document.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal("notes/with space.txt", result.Document.Files.Single(f => f.Kind == FileChangeKind.Modified).OldPath);
    }

    [Fact]
    public async Task Parse_NoNewlineModeChangeAndBinary_ReadsEachMarker()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("run.sh", "echo hi");
        await File.WriteAllBytesAsync(Path.Combine(repo.Path, "logo.bin"), [0, 1, 2, 3]);
        await repo.CommitAllAsync("initial");
        repo.Write("run.sh", "echo hello");
        await repo.GitAsync("update-index", "--chmod=+x", "run.sh");
        await File.WriteAllBytesAsync(Path.Combine(repo.Path, "logo.bin"), [0, 9, 9, 3]);
        await repo.GitAsync("add", "logo.bin", "run.sh");
        await repo.GitAsync("update-index", "--chmod=+x", "run.sh");

        var text = await repo.GitAsync("diff", "--cached");
        var binaryText = await repo.GitAsync("diff", "--cached", "--binary", "--", "logo.bin");
        var result = PatchDocument.Parse(text);
        var binary = PatchDocument.Parse(binaryText + text);

        Assert.True(result.Succeeded, result.Error);
        var script = result.Document.Files.Single(f => f.Path == "run.sh");
        Assert.Equal(("100644", "100755", true), (script.OldMode, script.NewMode, script.ModeChanged));
        Assert.All(script.Hunks.Single().Lines.Where(l => l.Kind != PatchLineKind.Context), l => Assert.True(l.NoNewlineAtEnd));
        Assert.True(result.Document.Files.Single(f => f.Path == "logo.bin").IsBinary);
        Assert.True(binary.Succeeded, binary.Error);
        Assert.True(binary.Document.Files[0].IsBinary);
        Assert.Equal(3, binary.Document.Files.Count);
    }

    [Fact]
    public async Task Parse_SeveralHunks_NumbersLinesOnBothSides()
    {
        using var repo = await GitRepository.InitAsync();
        var lines = Enumerable.Range(1, 30).Select(i => $"line {i}").ToList();
        repo.Write("a.txt", string.Join('\n', lines) + "\n");
        await repo.CommitAllAsync("initial");
        lines.Insert(2, "inserted early");
        lines[20] = "changed late";
        lines.RemoveAt(27);
        repo.Write("a.txt", string.Join('\n', lines) + "\n");

        var result = PatchDocument.Parse(await repo.GitAsync("diff"));

        Assert.True(result.Succeeded, result.Error);
        var file = Assert.Single(result.Document.Files);
        Assert.Equal(2, file.Hunks.Count);
        Assert.Equal(3, file.Hunks[0].AddedLines.Single().NewLineNumber);
        var late = file.Hunks[1];
        Assert.Equal(20, late.RemovedLines.First().OldLineNumber);
        Assert.Equal(21, late.AddedLines.Single().NewLineNumber);
        Assert.Equal((2, 2), (file.AddedLineCount, file.RemovedLineCount));
    }

    [Fact]
    public async Task Parse_FormatPatchWithCommitMessageAndSignature_IgnoresTheProse()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "old\n");
        await repo.CommitAllAsync("initial");
        repo.Write("a.txt", "new\n");
        await repo.CommitAllAsync("Fix the thing\n\n--- not a file header\n- a bullet\n");

        var result = PatchDocument.Parse(await repo.GitAsync("format-patch", "-1", "--stdout"));

        Assert.True(result.Succeeded, result.Error);
        var file = Assert.Single(result.Document.Files);
        Assert.Equal("a.txt", file.Path);
        Assert.Equal("new", file.Hunks.Single().AddedLines.Single().Text);
    }

    [Fact]
    public void Parse_PlainDiffUWithTimestampsAndCrlf_ReadsPaths()
    {
        const string diff = "--- calc.py\t2026-11-23 10:00:00.000000000 +0000\r\n+++ calc.py\t2026-11-23 10:05:00.000000000 +0000\r\n@@ -1,2 +1,2 @@\r\n def add(a, b):\r\n-    return a - b\r\n+    return a + b\r\n";

        var result = PatchDocument.Parse(diff);

        Assert.True(result.Succeeded, result.Error);
        var file = Assert.Single(result.Document.Files);
        Assert.Equal(("calc.py", "calc.py", FileChangeKind.Modified), (file.OldPath, file.NewPath, file.Kind));
        Assert.Equal("    return a + b", file.Hunks[0].AddedLines.Single().Text);
    }

    [Fact]
    public void Parse_HunkEndsEarly_ErrorNamesTheHeaderLine()
    {
        const string diff = "diff --git a/x.cs b/x.cs\n--- a/x.cs\n+++ b/x.cs\n@@ -1,3 +1,3 @@\n a\n-b\n";

        var result = PatchDocument.Parse(diff);

        Assert.False(result.Succeeded);
        Assert.Equal(4, result.ErrorLine);
        Assert.StartsWith("line 4: the hunk '@@ -1,3 +1,3 @@' ends early", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HunkLongerThanItsHeader_ErrorNamesTheExtraLine()
    {
        const string diff = "--- a/x.cs\n+++ b/x.cs\n@@ -1 +1 @@\n-a\n+b\n+sneaked in\n";

        var result = PatchDocument.Parse(diff);

        Assert.False(result.Succeeded);
        Assert.Equal(6, result.ErrorLine);
        Assert.Contains("more lines than its @@ header says", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--- a/x\n+++ b/x\n@@ -1,z +1 @@\n-a\n+b\n", 3, "malformed hunk header")]
    [InlineData("@@ -1 +1 @@\n-a\n+b\n", 1, "hunk header before any file header")]
    [InlineData("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n*b\n", 5, "does not fit the hunk")]
    [InlineData("diff --git \"a/unterminated b/x\n", 1, "cannot read the two paths")]
    public void Parse_MalformedInput_ReturnsErrorValue(string diff, int line, string message)
    {
        var result = PatchDocument.Parse(diff);

        Assert.False(result.Succeeded);
        Assert.Equal(line, result.ErrorLine);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("I changed calc.py so that add adds.\n")]
    public void Parse_TextWithoutFileHeaders_ReturnsError(string text)
    {
        var result = PatchDocument.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Null(result.ErrorLine);
        Assert.Contains("no file header", result.Error, StringComparison.Ordinal);
    }
}
