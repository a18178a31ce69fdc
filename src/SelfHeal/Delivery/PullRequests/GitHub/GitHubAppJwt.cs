using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SelfHeal.Delivery.PullRequests.GitHub;

/// <summary>
/// The JSON Web Token a GitHub App signs (RS256) to ask for installation tokens: issued 60 s in the past (GitHub's
/// advice against clock drift) and valid for 9 minutes (GitHub accepts at most 10).
/// </summary>
internal static class GitHubAppJwt
{
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    public static string Create(long appId, string privateKeyPem, DateTimeOffset now)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(privateKeyPem);
        }
        catch (ArgumentException e)
        {
            throw new PullRequestException(PullRequestFailure.Unauthorized, "The GitHub App's private key is not a PEM RSA key: download a new private key from the App's settings and set delivery.github.privateKeyPem or privateKeyPath.", inner: e);
        }
        var issued = (now - Backdate).ToUnixTimeSeconds();
        var expires = (now + Lifetime).ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8);
        var payload = Base64Url(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"iat":{{issued}},"exp":{{expires}},"iss":"{{appId}}"}""")));
        var signingInput = $"{header}.{payload}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
