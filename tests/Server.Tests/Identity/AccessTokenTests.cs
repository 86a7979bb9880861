using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Proxus.Server.Identity;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Identity;

/// <summary>The OAuth2 token endpoint and bearer tokens on the REST API, on each database.</summary>
public abstract class AccessTokenTests(TrustFixture fixture) : IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Token_ValidClient_GrantsScopedAccessAndIsAudited()
    {
        var client = await Iam.CreateMachineClientAsync(_server, "config.read uns.read");
        using var http = _server.CreateClient();

        using var response = await Iam.RequestTokenAsync(http, client.Client.ClientId.ToString("D"), client.ClientSecret, "config.read");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        token.TokenType.Should().Be("Bearer");
        token.Scope.Should().Be("config.read");
        token.ExpiresIn.Should().Be((int)new IamOptions().AccessTokenLifetime.TotalSeconds);
        using var bearer = Iam.BearerClient(_server, token.AccessToken);
        (await bearer.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.OK);
        var audited = await AuditAsync(IamAuditEventTypes.TokenIssued, client.Client.ClientId);
        audited.Should().ContainSingle().Which.Should().Contain("config.read");
    }

    [Fact]
    public async Task Token_HttpBasicClientAuthentication_Accepted()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.AuditRead);
        using var http = _server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.Client.ClientId:D}:{client.ClientSecret}")));

        using var response = await Iam.RequestTokenAsync(http, null, null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Scope.Should().Be(Scopes.AuditRead);
    }

    [Theory]
    [InlineData("wrong-secret", null, "client_credentials", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData(null, "config.write", "client_credentials", HttpStatusCode.BadRequest, "invalid_scope")]
    [InlineData(null, "no.such.scope", "client_credentials", HttpStatusCode.BadRequest, "invalid_scope")]
    [InlineData(null, null, "password", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    public async Task Token_InvalidRequest_RefusedWithOAuthError(string? secret, string? scope, string grantType, HttpStatusCode status, string error)
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.ConfigRead);
        using var http = _server.CreateClient();

        using var response = await Iam.RequestTokenAsync(http, client.Client.ClientId.ToString("D"), secret ?? client.ClientSecret, scope, grantType);

        response.StatusCode.Should().Be(status);
        (await response.Content.ReadFromJsonAsync<TokenError>())!.Error.Should().Be(error);
        if (error is "invalid_client" or "invalid_scope")
        {
            (await AuditAsync(IamAuditEventTypes.TokenRejected, client.Client.ClientId)).Should().ContainSingle().Which.Should().Contain(error);
        }
    }

    [Fact]
    public async Task Token_HostileClientAuthentication_InvalidRequest()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.ConfigRead);
        using var both = _server.CreateClient();
        both.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.Client.ClientId:D}:{client.ClientSecret}")));
        using var garbage = _server.CreateClient();
        garbage.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "%%%not-base64%%%");
        using var plain = _server.CreateClient();

        using var twoMethods = await Iam.RequestTokenAsync(both, client.Client.ClientId.ToString("D"), client.ClientSecret);
        using var badBasic = await Iam.RequestTokenAsync(garbage, null, null);
        using var missing = await Iam.RequestTokenAsync(plain, client.Client.ClientId.ToString("D"), null);
        using var notAnId = await Iam.RequestTokenAsync(plain, "'; DROP TABLE machine_clients; --", client.ClientSecret);

        foreach (var response in new[] { twoMethods, badBasic, missing })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<TokenError>())!.Error.Should().Be(TokenError.InvalidRequest);
        }

        notAnId.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_OversizedToken_RejectedBeforeParsing()
    {
        using var bearer = Iam.BearerClient(_server, new string('a', AccessTokenService.MaxTokenLength + 1));

        (await bearer.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_ExpiredToken_Rejected()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TrustWebHost.StartAsync(fixture.Database, clock);
        var client = await Iam.CreateMachineClientAsync(server, Scopes.ConfigRead);
        var token = await Iam.TokenAsync(server, client);
        using var bearer = Iam.BearerClient(server, token);
        (await bearer.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.OK);

        clock.Advance(new IamOptions().AccessTokenLifetime + TimeSpan.FromMinutes(1));

        using var response = await bearer.GetAsync("/api/v1/sites");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
    }

    [Fact]
    public async Task Bearer_ForgedOrTamperedToken_Rejected()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.ConfigRead);
        var genuine = await Iam.TokenAsync(_server, client);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parts = genuine.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("config.read", "audit.read", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var unsigned = $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}")}.{parts[1]}.";

        foreach (var (name, token) in new[] { ("signed by another key", await CraftAsync(client, key: otherKey)), ("payload changed", tampered), ("alg none", unsigned), ("garbage", "not.a.jwt") })
        {
            using var bearer = Iam.BearerClient(_server, token);
            (await bearer.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, name);
        }
    }

    [Fact]
    public async Task Bearer_WrongAudienceIssuerOrType_Rejected()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.ConfigRead);
        (await SitesStatusAsync(await CraftAsync(client))).Should().Be(HttpStatusCode.OK, "the crafted control token is valid");

        (await SitesStatusAsync(await CraftAsync(client, audience: "urn:someone-else"))).Should().Be(HttpStatusCode.Unauthorized);
        (await SitesStatusAsync(await CraftAsync(client, issuer: "urn:someone-else"))).Should().Be(HttpStatusCode.Unauthorized);
        (await SitesStatusAsync(await CraftAsync(client, type: "JWT"))).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bearer_WrongScope_ForbiddenWithInsufficientScope()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.UnsRead);
        using var bearer = Iam.BearerClient(_server, await Iam.TokenAsync(_server, client));

        using var audit = await bearer.GetAsync("/api/v1/audit");
        using var users = await bearer.GetAsync("/api/v1/users");

        audit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        audit.Headers.WwwAuthenticate.ToString().Should().Contain("insufficient_scope");
        users.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bearer_ClientRevoked_LiveTokenRejectedAndAudited()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.ConfigRead);
        using var bearer = Iam.BearerClient(_server, await Iam.TokenAsync(_server, client));
        (await bearer.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _server.Get<MachineClientService>().RevokeAsync(client.Client.ClientId, "user:admin", CancellationToken.None)).Should().BeTrue();

        (await bearer.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var http = _server.CreateClient();
        (await Iam.RequestTokenAsync(http, client.Client.ClientId.ToString("D"), client.ClientSecret)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await AuditAsync(IamAuditEventTypes.ClientRevoked, client.Client.ClientId)).Should().ContainSingle();
    }

    [Fact]
    public async Task Bearer_SecretRotated_OldTokenAndSecretRejected()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.ConfigRead);
        using var bearer = Iam.BearerClient(_server, await Iam.TokenAsync(_server, client));

        var rotated = (await _server.Get<MachineClientService>().RotateSecretAsync(client.Client.ClientId, "user:admin", CancellationToken.None))!;

        (await bearer.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var http = _server.CreateClient();
        (await Iam.RequestTokenAsync(http, client.Client.ClientId.ToString("D"), client.ClientSecret)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var fresh = Iam.BearerClient(_server, await Iam.TokenAsync(_server, rotated));
        (await fresh.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AuditAsync(IamAuditEventTypes.ClientSecretRotated, client.Client.ClientId)).Should().ContainSingle();
    }

    [Fact]
    public async Task ClientSecret_StoredAsHashOnly()
    {
        var client = await Iam.CreateMachineClientAsync(_server, Scopes.ConfigRead);

        await using var db = _server.CreateDbContext();
        var stored = await db.MachineClients.SingleAsync(c => c.Id == client.Client.ClientId);

        stored.SecretHash.Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(client.ClientSecret)));
    }

    private async Task<HttpStatusCode> SitesStatusAsync(string token)
    {
        using var bearer = Iam.BearerClient(_server, token);
        using var response = await bearer.GetAsync("/api/v1/sites");
        return response.StatusCode;
    }

    /// <summary>A token like the server's, signed with the server's key unless told otherwise, with one property changed.</summary>
    private Task<string> CraftAsync(IssuedClientSecret client, ECDsa? key = null, string? audience = null, string? issuer = null, string type = AccessTokenService.TokenType)
        => AccessTokens.CraftAsync(_server, DateTimeOffset.UtcNow, client, key, audience, issuer, type);

    private async Task<List<string>> AuditAsync(string type, Guid clientId)
    {
        await using var db = _server.CreateDbContext();
        var subject = MachineClientService.Subject(clientId);
        return await db.AuditEntries.Where(e => e.Type == type && e.Subject == subject).Select(e => e.Data).ToListAsync();
    }
}

public sealed class AccessTokenSqliteTests(SqliteTrustFixture fixture) : AccessTokenTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class AccessTokenPostgreSqlTests(PostgreSqlTrustFixture fixture) : AccessTokenTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
