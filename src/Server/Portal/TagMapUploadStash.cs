using Proxus.Server.Configuration;

namespace Proxus.Server.Portal;

/// <summary>
/// Valid tag-map uploads between the portal's preview and its publish: nothing is a version until
/// it is published, and a static page cannot keep a file across two form posts. In memory, per
/// server node (a node that restarts, or another one, answers "upload again"), only for the person
/// who uploaded it and for the same site, for <see cref="Lifetime"/>; beyond
/// <see cref="MaxTotalBytes"/> the oldest uploads are dropped first.
/// </summary>
internal sealed class TagMapUploadStash(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Four uploads of the largest size a tag map may have.</summary>
    public const long MaxTotalBytes = 256L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, StashedTagMapUpload> _uploads = [];
    private long _bytes;

    /// <summary>Keeps an upload; returns its id, which only <paramref name="owner"/> can use.</summary>
    public Guid Add(string owner, Guid siteId, string fileName, TagMapFormat format, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.LongLength > MaxTotalBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(content), content.LongLength, $"An upload kept for publishing has at most {MaxTotalBytes} bytes.");
        }

        var upload = new StashedTagMapUpload(Guid.NewGuid(), owner, siteId, fileName, format, content, clock.GetUtcNow());
        lock (_gate)
        {
            DropExpired();
            while (_bytes + content.LongLength > MaxTotalBytes)
            {
                Drop(_uploads.Values.MinBy(u => u.StoredAt)!);
            }

            _uploads.Add(upload.Id, upload);
            _bytes += content.LongLength;
        }

        return upload.Id;
    }

    /// <summary>The upload, if it exists, has not expired, and belongs to <paramref name="owner"/> and <paramref name="siteId"/>.</summary>
    public StashedTagMapUpload? Get(Guid id, string owner, Guid siteId)
    {
        lock (_gate)
        {
            DropExpired();
            return _uploads.TryGetValue(id, out var upload) && upload.Owner == owner && upload.SiteId == siteId ? upload : null;
        }
    }

    public void Remove(Guid id)
    {
        lock (_gate)
        {
            if (_uploads.TryGetValue(id, out var upload))
            {
                Drop(upload);
            }
        }
    }

    /// <summary>Bytes held, for tests and diagnostics.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    private void DropExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var upload in _uploads.Values.Where(u => now - u.StoredAt >= Lifetime).ToList())
        {
            Drop(upload);
        }
    }

    private void Drop(StashedTagMapUpload upload)
    {
        _uploads.Remove(upload.Id);
        _bytes -= upload.Content.LongLength;
    }
}
