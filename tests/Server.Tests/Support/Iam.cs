using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Identity;

namespace Proxus.Server.Tests.Support;

/// <summary>Users, sessions, machine clients and tokens for IAM tests, against a running <see cref="TrustWebHost"/>.</summary>
public static class Iam
{
    /// <summary>The password test users get (16 characters, passes the policy).</summary>
    public const string Password = "correct-horse-42";

    /// <summary>A user with <paramref name="roles"/> and <see cref="Password"/>, ready to sign in (no pending password change).</summary>
    public static async Task<UserSummary> CreateUserAsync(TrustWebHost server, string[] roles, Guid[]? sites = null, string? name = null)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var created = await administration.CreateAsync(name ?? "user-" + Guid.NewGuid().ToString("N")[..12], roles, "test", CancellationToken.None);
        if (sites is not null)
        {
            await administration.SetSitesAsync(created.User.Id, sites, "test", CancellationToken.None);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProxusUser>>();
        var user = (await users.FindByIdAsync(created.User.Id.ToString()))!;
        user.PasswordHash = users.PasswordHasher.HashPassword(user, Password);
        user.MustChangePassword = false;
        (await users.UpdateAsync(user)).Succeeded.Should().BeTrue();
        return (await administration.GetAsync(created.User.Id, CancellationToken.None))!;
    }

    /// <summary>A user who still has to change the one-time password; returns it.</summary>
    public static async Task<CreatedUser> CreatePendingUserAsync(TrustWebHost server, string[] roles)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync("pending-" + Guid.NewGuid().ToString("N")[..12], roles, "test", CancellationToken.None);
    }

    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string? totpCode = null)
        => client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(userName, password, totpCode));

    /// <summary>An HTTPS client with a session cookie of <paramref name="userName"/>.</summary>
    public static async Task<HttpClient> SignInAsync(TrustWebHost server, string userName, string password = Password)
    {
        var client = server.CreateClient();
        using var response = await PostLoginAsync(client, userName, password);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return client;
    }

    public static async Task<IssuedClientSecret> CreateMachineClientAsync(TrustWebHost server, string scope)
        => await server.Get<MachineClientService>().CreateAsync("client " + Guid.NewGuid().ToString("N")[..8], scope, "test", CancellationToken.None);

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, string? clientId, string? secret, string? scope = null, string grantType = "client_credentials")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grantType };
        if (clientId is not null)
        {
            form["client_id"] = clientId;
        }

        if (secret is not null)
        {
            form["client_secret"] = secret;
        }

        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return client.PostAsync("/api/v1/oauth/token", new FormUrlEncodedContent(form));
    }

    public static async Task<string> TokenAsync(TrustWebHost server, IssuedClientSecret client, string? scope = null)
    {
        using var http = server.CreateClient();
        using var response = await RequestTokenAsync(http, client.Client.ClientId.ToString("D"), client.ClientSecret, scope);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public static HttpClient BearerClient(TrustWebHost server, string token)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The current RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) for a base32 shared key.</summary>
    public static string Totp(string base32Key, DateTimeOffset now)
    {
        var key = Base32Decode(base32Key);
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, now.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF;
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32Decode(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
