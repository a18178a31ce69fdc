using System.Security.Cryptography;
using System.Text;

namespace SelfHeal.AgentTrace;

/// <summary>Position-independent content hashes of attributed lines.</summary>
public static class TraceContent
{
    /// <summary><c>sha256:HEX</c> of the lines, each trimmed, joined by <c>\n</c>: the same code hashes the same wherever it moves.</summary>
    public static string Hash(IEnumerable<string> lines) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(l => l.Trim())))));
}
