using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace SelfHeal.Tests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1 (Python's aiosmtpd, Debian's <c>python3-aiosmtpd</c>) that saves every message it
/// accepts to a folder. It answers the first <c>failFirst</c> messages with 451 (transient) and refuses recipients
/// named <c>nobody@...</c> with 550. Without python3 or aiosmtpd the test fails with how to install them.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _folder = new("selfheal-smtp");

    private SmtpSink(int failFirst)
    {
        var python = Requires.PythonWith("aiosmtpd");
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }
        var script = Path.Combine(AppContext.BaseDirectory, "TestData", "Smtp", "smtp_sink.py");
        _process = Process.Start(new ProcessStartInfo(python, [script, "127.0.0.1", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), _folder.Path, failFirst.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result != "ready")
        {
            var error = _process.HasExited ? _process.StandardError.ReadToEnd() : "(no answer in 30 s)";
            Dispose();
            Assert.Fail($"The test SMTP server did not start: {error}");
        }
    }

    public int Port { get; }


    public static SmtpSink Start(int failFirst = 0) => new(failFirst);

    /// <summary>The messages accepted so far, in order: the raw message and its envelope (<c>mail_from</c>, <c>rcpt_tos</c>).</summary>
    public IReadOnlyList<(string Path, JsonNode Envelope)> Messages =>
        [.. Directory.GetFiles(_folder.Path, "*.eml").Order(StringComparer.Ordinal)
            .Select(p => (p, JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(p, ".json")))!))];

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _folder.Dispose();
    }
}
