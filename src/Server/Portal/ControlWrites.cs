using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Proxus.Core.Commands;
using Proxus.Core.Model;
using Proxus.Core.Uns;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Identity;
using Proxus.Server.Writes;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

/// <summary>
/// The portal's control writes over <see cref="WriteRequestService"/> (every decision and every
/// rule is the service's), <see cref="TagMapService"/> for the writable tags and
/// <see cref="SiteAccess"/> for the OtEngineers' sites.
/// </summary>
internal sealed partial class ControlWrites(
    IDbContextFactory<ProxusDbContext> contexts,
    WriteRequestService writes,
    TagMapService tagMaps,
    SiteAccess access,
    UserManager<ProxusUser> users,
    PortalAuthorization authorization,
    TimeProvider timeProvider) : IControlWrites
{
    /// <summary>The most tags a search returns.</summary>
    internal const int MaxTagResults = 200;

    public IReadOnlyList<string> States { get; } = Enum.GetNames<WriteState>();

    public async Task<IReadOnlyList<WritableTagView>> FindWritableTagsAsync(ClaimsPrincipal caller, string? search, int limit, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.WritesRequest);
        var text = search?.Trim() ?? string.Empty;
        var found = new List<WritableTagView>();
        foreach (var site in await RequestableSitesAsync(caller, cancellationToken))
        {
            if (await tagMaps.GetIndexedAsync(site.Id, null, cancellationToken) is not { } indexed)
            {
                continue;
            }

            found.AddRange(indexed.Map.Tags
                .Where(t => IsRequestable(t) && t.Path.Value.Contains(text, StringComparison.OrdinalIgnoreCase))
                .Select(t => ToView(t, site)));
        }

        return found.OrderBy(t => t.Path, StringComparer.Ordinal).Take(Math.Clamp(limit, 1, MaxTagResults)).ToList();
    }

    public async Task<WritableTagView?> GetWritableTagAsync(ClaimsPrincipal caller, string path, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.WritesRequest);
        if (!UnsPath.TryParse(path, out var parsed, out _))
        {
            return null;
        }

        var site = (await RequestableSitesAsync(caller, cancellationToken))
            .FirstOrDefault(s => s.Enterprise == parsed.Enterprise && s.Name == parsed.Site);
        if (site is null || await tagMaps.GetIndexedAsync(site.Id, null, cancellationToken) is not { } indexed)
        {
            return null;
        }

        var tag = indexed.Map.Tags.FirstOrDefault(t => t.Path.Equals(parsed));
        return tag is not null && IsRequestable(tag) ? ToView(tag, site) : null;
    }

    public async Task<Guid> RequestAsync(ClaimsPrincipal caller, WriteRequestInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.RequireAsync(caller, IamPolicies.WritesRequest);
        try
        {
            var request = await writes.CreateAsync(
                new CreateWriteRequest(input.Tag?.Trim(), input.Value?.Trim(), input.Reason?.Trim(), input.NotBefore, input.NotAfter),
                Caller(caller),
                await access.VisibleSitesAsync(caller, cancellationToken),
                cancellationToken);
            return request.Id;
        }
        catch (WriteRequestException e)
        {
            var (field, message) = FieldOf(e.Message);
            throw new PortalFieldException(field, message);
        }
    }

    /// <summary>
    /// The input a refusal of <see cref="WriteRequestService.CreateAsync"/> is about: its messages
    /// start with <c>tag: </c>, <c>value: </c>, <c>reason: </c> or <c>notAfter: </c> when one input
    /// is at fault; every other refusal (site read-only, tag missing or not writable) is about the tag.
    /// </summary>
    internal static (string Field, string Message) FieldOf(string message)
    {
        foreach (var field in (ReadOnlySpan<string>)[WriteRequestFields.Tag, WriteRequestFields.Value, WriteRequestFields.Reason, WriteRequestFields.NotBefore, WriteRequestFields.NotAfter])
        {
            var prefix = field + ": ";
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                var text = message[prefix.Length..];
                return (field, text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text);
            }
        }

        return message.StartsWith("Requesting a write needs", StringComparison.Ordinal) ? (WriteRequestFields.Form, message) : (WriteRequestFields.Tag, message);
    }

    private WriteCaller Caller(ClaimsPrincipal caller)
    {
        try
        {
            return WriteCaller.Of(caller, users);
        }
        catch (WriteRequestException e)
        {
            throw new PortalException(e.Message, e);
        }
    }

    /// <summary>The caller's sites (every site for an Admin) that have a UNS namespace.</summary>
    private async Task<List<RequestableSite>> RequestableSitesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleSitesAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sites = await db.Sites.AsNoTracking()
            .Join(db.SiteNamespaces.AsNoTracking(), s => s.Id, n => n.SiteId, (s, n) => new { s.Id, s.Name, n.Enterprise, Namespace = n.Name })
            .ToListAsync(cancellationToken);
        var enabled = (await db.SiteWriteSettings.AsNoTracking().Where(w => w.WritesEnabled).Select(w => w.SiteId).ToListAsync(cancellationToken)).ToHashSet();
        return sites.Where(s => visible is null || visible.Contains(s.Id))
            .Select(s => new RequestableSite(s.Id, s.Name, s.Enterprise, s.Namespace, enabled.Contains(s.Id)))
            .OrderBy(s => s.DisplayName, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsRequestable(Tag tag) => tag.Writable && CommandValue.IsWritable(tag.DataType);

    private static WritableTagView ToView(Tag tag, RequestableSite site)
        => new(tag.Path.Value, site.Id, site.DisplayName, CommandValue.ValueTypeOf(tag).ToString(), tag.PublishedUnit, tag.WriteMin, tag.WriteMax, tag.Critical, site.WritesEnabled, tag.Description);

    private sealed record RequestableSite(Guid Id, string DisplayName, string Enterprise, string Name, bool WritesEnabled);
}
