using System.Text;

namespace SelfHeal.Cli.Input;

/// <summary>Reads the <c>--log</c> input (a file, or <c>-</c> for stdin) and refuses what cannot be a log, with a reason.</summary>
internal static class LogInput
{
    /// <summary>The largest log SelfHeal reads. A bigger one is refused rather than read in part, so nothing is silently lost.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    public static async Task<(string? Text, string? Error)> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        if (path == "-")
        {
            using var stdin = Console.OpenStandardInput();
            bytes = await ReadCappedAsync(stdin, cancellationToken).ConfigureAwait(false);
            if (bytes.Length > MaxBytes)
            {
                return (null, $"the log on stdin is larger than {MaxBytes / (1024 * 1024)} MB; pass the part around the failure (for example: tail -c 1000000 app.log | selfheal diagnose --log -)");
            }
        }
        else
        {
            var file = new FileInfo(path);
            if (Directory.Exists(path))
            {
                return (null, $"--log '{path}' is a folder; give the log file itself");
            }
            if (!file.Exists)
            {
                return (null, $"--log '{path}' does not exist");
            }
            if (file.Length > MaxBytes)
            {
                return (null, $"--log '{path}' is {file.Length / (1024 * 1024)} MB; SelfHeal reads logs up to {MaxBytes / (1024 * 1024)} MB. Pass the part around the failure (for example: tail -c 1000000 {path} > failure.log)");
            }
            await using var stream = file.OpenRead();
            bytes = await ReadCappedAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        var source = path == "-" ? "the log on stdin" : $"--log '{path}'";
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return (null, $"{source} is empty; give a log or stack trace that shows the failure");
        }
        if (LooksBinary(bytes))
        {
            return (null, $"{source} is a binary file, not a text log; give the text log or stack trace");
        }
        return (Encoding.UTF8.GetString(bytes), null);
    }

    private static async Task<byte[]> ReadCappedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                break;
            }
        }
        return buffer.ToArray();
    }

    private static bool LooksBinary(byte[] bytes)
    {
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024));
        if (sample.Contains((byte)0))
        {
            return true;
        }
        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x1b or 0x0c))
            {
                control++;
            }
        }
        return control > sample.Length / 20;
    }
}
