namespace Proxus.Server.Pki;

/// <summary>A CRL as published; the highest number is current.</summary>
public sealed class RevocationList
{
    public long Number { get; set; }

    public DateTimeOffset ThisUpdate { get; set; }

    public DateTimeOffset NextUpdate { get; set; }

    public required byte[] Der { get; set; }
}
