using Proxus.Server.Configuration;

namespace Proxus.Server.Portal;

/// <summary>A valid upload kept for its uploader between the validation preview and the publish.</summary>
internal sealed record StashedTagMapUpload(Guid Id, string Owner, Guid SiteId, string FileName, TagMapFormat Format, byte[] Content, DateTimeOffset StoredAt);
