using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Proxus.TestSupport;

/// <summary>The server's REST API as a person reaches it: sessions over HTTPS that trust only the server's own CA.</summary>
public sealed partial class ServerProcess
{
    /// <summary>The first administrator the server creates on an empty database.</summary>
    public const string AdminUserName = "admin";

    /// <summary>The administrator's password once <see cref="AdminClientAsync"/> has changed the one-time one.</summary>
    public const string AdminPassword = "first-admin-passphrase-42";

    /// <summary>The password <see cref="CreateUserAsync"/> gives the users it creates.</summary>
    public const string UserPassword = "correct-horse-battery-42";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _adminGate = new(1, 1);
    private X509Certificate2Collection? _caChain;
    private bool _adminPasswordChanged;

    /// <summary>
    /// The server's CA chain, fetched once from <c>GET /api/v1/pki/ca</c> (trusted on first use, as an
    /// agent without <c>--ca-fingerprint</c> does); every later client trusts only it.
    /// </summary>
    public async Task<X509Certificate2Collection> GetCaChainAsync()
    {
        if (_caChain is null)
        {
            using var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            using var http = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = RequestTimeout };
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(await http.GetStringAsync(new Uri("api/v1/pki/ca", UriKind.Relative)));
            _caChain = chain;
        }

        return _caChain;
    }

    /// <summary>The SHA-256 fingerprint of the server's root CA, as <c>proxus-agent enroll --ca-fingerprint</c> takes it.</summary>
    public async Task<string> GetCaFingerprintAsync()
    {
        var root = (await GetCaChainAsync()).Single(certificate => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData));
        return Convert.ToHexString(root.GetCertHash(HashAlgorithmName.SHA256));
    }

    /// <summary>A client without a session (it keeps the session cookie of a sign-in made through it).</summary>
    public async Task<HttpClient> CreateClientAsync()
    {
        var chain = await GetCaChainAsync();
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ChainsToCa(certificate, errors, chain);
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = RequestTimeout };
    }

    /// <summary>A client with a session of the user (<c>POST /api/v1/auth/login</c>).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var client = await CreateClientAsync();
        try
        {
            using var response = await client.PostAsJsonAsync("api/v1/auth/login", new { userName, password });
            await EnsureSuccessAsync(response, $"sign-in of {userName}");
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A session of the first administrator. The first call reads the one-time password from the
    /// server's log and changes it to <see cref="AdminPassword"/>, as a person does on first start.
    /// </summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        await _adminGate.WaitAsync();
        try
        {
            if (!_adminPasswordChanged)
            {
                var oneTime = OneTimePassword().Match(Log);
                if (!oneTime.Success)
                {
                    throw new InvalidOperationException("The server logged no one-time administrator password (not an empty database?): " + Log);
                }

                using var first = await SignInAsync(AdminUserName, oneTime.Groups[1].Value);
                await ChangePasswordAsync(first, oneTime.Groups[1].Value, AdminPassword);
                _adminPasswordChanged = true;
            }
        }
        finally
        {
            _adminGate.Release();
        }

        return await SignInAsync(AdminUserName, AdminPassword);
    }

    /// <summary>
    /// Creates a user with the roles (and, if given, the sites) through the administrator, changes
    /// the one-time password to <see cref="UserPassword"/> and returns a session of that user.
    /// </summary>
    public async Task<HttpClient> CreateUserAsync(string userName, IReadOnlyList<string> roles, IReadOnlyList<Guid>? sites = null)
    {
        using var admin = await AdminClientAsync();
        using var created = await admin.PostAsJsonAsync("api/v1/users", new { userName, roles });
        await EnsureSuccessAsync(created, $"creation of user {userName}");
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("user").GetProperty("id").GetGuid();
        var oneTimePassword = body.RootElement.GetProperty("oneTimePassword").GetString()!;
        if (sites is not null)
        {
            using var assigned = await admin.PutAsJsonAsync($"api/v1/users/{id:D}/sites", new { siteIds = sites });
            await EnsureSuccessAsync(assigned, $"site assignment of {userName}");
        }

        using (var first = await SignInAsync(userName, oneTimePassword))
        {
            await ChangePasswordAsync(first, oneTimePassword, UserPassword);
        }

        return await SignInAsync(userName, UserPassword);
    }

    /// <summary>Throws with the status and the problem body when the response is not a success.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The {what} failed with {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task ChangePasswordAsync(HttpClient session, string currentPassword, string newPassword)
    {
        using var response = await session.PostAsJsonAsync("api/v1/auth/password", new { currentPassword, newPassword });
        await EnsureSuccessAsync(response, "password change");
    }

    private static bool ChainsToCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection ca)
    {
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var authority in ca)
        {
            if (authority.SubjectName.RawData.AsSpan().SequenceEqual(authority.IssuerName.RawData))
            {
                chain.ChainPolicy.CustomTrustStore.Add(authority);
            }
            else
            {
                chain.ChainPolicy.ExtraStore.Add(authority);
            }
        }

        return certificate is X509Certificate2 leaf && chain.Build(leaf);
    }

    [GeneratedRegex(@"one-time password\s+(\S+)\s+Sign in")]
    private static partial Regex OneTimePassword();
}
