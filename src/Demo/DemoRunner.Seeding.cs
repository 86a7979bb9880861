using System.Text.RegularExpressions;
using Proxus.Demo.Api;

namespace Proxus.Demo;

public sealed partial class DemoRunner
{
    private static readonly TimeSpan InitialPasswordTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Signs the administrator in. On the first start the server prints a one-time password in its
    /// log; the demo signs in with it and sets a password of its own, which it keeps in its state.
    /// </summary>
    private async Task SignInAdminAsync(ProxusClient admin, Uri server, ServerTrust trust, DemoState state, CancellationToken stopping)
    {
        if (state.Passwords.TryGetValue(DemoPlant.AdminUserName, out var password))
        {
            if (!await admin.SignInAsync(DemoPlant.AdminUserName, password, stopping).ConfigureAwait(false))
            {
                throw new DemoException($"The server refused the password of '{DemoPlant.AdminUserName}' kept in {_store.Path}; was it changed in the portal? Put the new one there, or delete the demo data directory to start afresh.");
            }

            return;
        }

        var oneTime = await WaitForInitialPasswordAsync(stopping).ConfigureAwait(false);
        password = Passwords.Create();
        using (var first = new ProxusClient(server, trust))
        {
            if (!await first.SignInAsync(DemoPlant.AdminUserName, oneTime, stopping).ConfigureAwait(false))
            {
                throw new DemoException($"The server refused the one-time password it printed for '{DemoPlant.AdminUserName}'; see {paths.LogFile("server")}.");
            }

            await first.ChangePasswordAsync(oneTime, password, stopping).ConfigureAwait(false);
        }

        state.Passwords[DemoPlant.AdminUserName] = password;
        _store.Save(state);
        if (!await admin.SignInAsync(DemoPlant.AdminUserName, password, stopping).ConfigureAwait(false))
        {
            throw new DemoException($"The server refused the new password of '{DemoPlant.AdminUserName}'.");
        }
    }

    private async Task<string> WaitForInitialPasswordAsync(CancellationToken stopping)
    {
        var deadline = DateTimeOffset.UtcNow + InitialPasswordTimeout;
        while (true)
        {
            var match = InitialPassword().Match(_server!.CapturedOutput);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new DemoException($"The server printed no one-time administrator password: its database has users already, but {_store.Path} holds no password for '{DemoPlant.AdminUserName}'. Delete the demo data directory ({paths.DataDirectory}) to start afresh.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), stopping).ConfigureAwait(false);
        }
    }

    /// <summary>Sites, namespaces, agents, write settings, tag maps and users: each created only when it is missing.</summary>
    private async Task<List<SeededSite>> SeedAsync(ProxusClient admin, Uri server, ServerTrust trust, DemoPorts ports, DemoState state, CancellationToken stopping)
    {
        var seeded = new List<SeededSite>();
        var existingSites = await admin.ListSitesAsync(stopping).ConfigureAwait(false);
        foreach (var site in DemoPlant.Sites)
        {
            var siteId = existingSites.FirstOrDefault(s => s.Name == site.Name)?.Id
                ?? (await admin.CreateSiteAsync(site.Name, stopping).ConfigureAwait(false)).Id;
            await admin.SetNamespaceAsync(siteId, site.Enterprise, site.SiteLevel, stopping).ConfigureAwait(false);
            var agents = await admin.ListAgentsAsync(siteId, stopping).ConfigureAwait(false);
            var agentId = agents.FirstOrDefault(a => a.Name == site.AgentName)?.Id
                ?? (await admin.CreateAgentAsync(siteId, site.AgentName, stopping).ConfigureAwait(false)).Id;
            await admin.SetSiteWritesAsync(siteId, site.WritesEnabled, stopping).ConfigureAwait(false);
            var change = await admin.PublishTagMapAsync(siteId, DemoPlant.TagMap(site, ports), "Sample tag map of the Proxus demo", stopping).ConfigureAwait(false);
            await output.WriteLineAsync($"Site {site.Prefix}: tag map version {change.Version.Version} ({change.Version.TagCount} tags, {change.Status}).").ConfigureAwait(false);
            seeded.Add(new SeededSite(site, siteId, agentId, change.Version.Version, change.Version.TagCount));
        }

        await SeedUsersAsync(admin, server, trust, state, [.. seeded.Select(s => s.SiteId)], stopping).ConfigureAwait(false);
        return seeded;
    }

    /// <summary>
    /// Each user is created with a one-time password (or, when the demo has lost its password, given
    /// a new one by a reset), then signs in and changes it, as a person would at first sign-in.
    /// </summary>
    private async Task SeedUsersAsync(ProxusClient admin, Uri server, ServerTrust trust, DemoState state, IReadOnlyList<Guid> siteIds, CancellationToken stopping)
    {
        var users = await admin.ListUsersAsync(stopping).ConfigureAwait(false);
        foreach (var user in DemoPlant.Users)
        {
            var existing = users.FirstOrDefault(u => u.UserName == user.UserName);
            var userId = existing?.Id;
            string? oneTime = null;
            if (existing is null)
            {
                var created = await admin.CreateUserAsync(user.UserName, [user.Role], stopping).ConfigureAwait(false);
                (userId, oneTime) = (created.User.Id, created.OneTimePassword);
            }
            else if (!state.Passwords.ContainsKey(user.UserName))
            {
                oneTime = (await admin.ResetPasswordAsync(existing.Id, stopping).ConfigureAwait(false)).OneTimePassword;
            }

            if (user.AssignedToAllSites && (existing is null || !siteIds.All(existing.SiteIds.Contains)))
            {
                await admin.SetUserSitesAsync(userId!.Value, siteIds, stopping).ConfigureAwait(false);
            }

            if (oneTime is null)
            {
                continue;
            }

            var password = Passwords.Create();
            using (var person = new ProxusClient(server, trust))
            {
                if (!await person.SignInAsync(user.UserName, oneTime, stopping).ConfigureAwait(false))
                {
                    throw new DemoException($"The server refused the one-time password it issued for '{user.UserName}'.");
                }

                await person.ChangePasswordAsync(oneTime, password, stopping).ConfigureAwait(false);
            }

            state.Passwords[user.UserName] = password;
            _store.Save(state);
        }
    }

    [GeneratedRegex(@"one-time password\s+(\S+)\s+Sign in")]
    private static partial Regex InitialPassword();
}
