using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SelfHeal.Tests.Support;

/// <summary>
/// A private dovecot IMAP server (Debian's <c>dovecot-imapd</c>) on 127.0.0.1 and a free port, configured in a temp
/// folder (plaintext login, no TLS, Maildir), with one user; stopped and deleted on dispose. As root it runs the
/// login and mail processes as Debian's <c>dovenull</c> and <c>dovecot</c> users; otherwise as the current user.
/// A missing dovecot fails the test with the install command.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string User = "bugs";
    public const string Password = "imap-pa55-word";

    private readonly TempDirectory _folder;
    private readonly Process _process;

    private DovecotServer(TempDirectory folder, Process process, int port)
    {
        _folder = folder;
        _process = process;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The server's log so far (for a failing test's message).</summary>
    public string Log => File.Exists(_folder.Combine("dovecot.log")) ? File.ReadAllText(_folder.Combine("dovecot.log")) : "";

    public static async Task<DovecotServer> StartAsync()
    {
        var dovecot = Requires.FindOnPath("dovecot") ?? (File.Exists("/usr/sbin/dovecot") ? "/usr/sbin/dovecot" : null);
        if (dovecot is null)
        {
            Requires.Tool("dovecot");
            throw new InvalidOperationException("unreachable: Requires.Tool fails the test");
        }
        // A port taken between choosing and binding it is rare; a second try gets another.
        for (var attempt = 1; ; attempt++)
        {
            var folder = new TempDirectory("selfheal-dovecot");
            var port = FreePort();
            var process = Start(dovecot, folder, port);
            if (await WaitForGreetingAsync(process, port))
            {
                return new DovecotServer(folder, process, port);
            }
            var log = File.Exists(folder.Combine("dovecot.log")) ? await File.ReadAllTextAsync(folder.Combine("dovecot.log")) : "";
            Stop(process);
            folder.Dispose();
            if (attempt == 3 || !log.Contains("Address already in use", StringComparison.Ordinal))
            {
                Assert.Fail($"dovecot did not start on 127.0.0.1:{port}. Its log:\n{log}");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop(_process);
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Process Start(string dovecot, TempDirectory folder, int port)
    {
        var root = IsRoot();
        // Dovecot refuses to run its login process as root; Debian's package creates these two users for it.
        var (internalUser, loginUser) = root ? ("dovecot", "dovenull") : (Environment.UserName, Environment.UserName);
        var mail = folder.Combine("mail");
        Directory.CreateDirectory(mail);
        if (root && !OperatingSystem.IsWindows())
        {
            // The mail processes run as 'dovecot': they must reach the folder and own the mail under it.
            File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
            Run("chown", "dovecot:dovecot", mail);
        }
        File.WriteAllText(folder.Combine("users"), $"{User}:{{PLAIN}}{Password}\n");
        File.WriteAllText(folder.Combine("dovecot.conf"), $$"""
            listen = 127.0.0.1
            protocols = imap
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            base_dir = {{folder.Combine("run")}}
            state_dir = {{folder.Combine("state")}}
            log_path = {{folder.Combine("dovecot.log")}}
            mail_location = maildir:{{mail}}/%u
            default_internal_user = {{internalUser}}
            default_login_user = {{loginUser}}
            first_valid_uid = 1
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{folder.Combine("users")}}
            }
            userdb {
              driver = static
              args = uid={{internalUser}} gid={{(root ? "dovecot" : GroupName())}} home={{mail}}/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port.ToString(CultureInfo.InvariantCulture)}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """);
        var info = new ProcessStartInfo(dovecot) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-F", "-c", folder.Combine("dovecot.conf") })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> WaitForGreetingAsync(Process process, int port)
    {
        // Start-up takes well under a second; a slow, busy machine gets a minute.
        for (var i = 0; i < 600 && !process.HasExited; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                var buffer = new byte[256];
                var read = await client.GetStream().ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("* OK", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }
            await Task.Delay(100);
        }
        return false;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot() => Run("id", "-u").Trim() == "0";

    private static string GroupName() => Run("id", "-gn").Trim();

    private static string Run(string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
