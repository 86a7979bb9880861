namespace Proxus.Server.Monitoring;

/// <summary>RFC 5424 syslog forwarding of alerts and of the signed audit head (section <c>Monitoring:Syslog</c>).</summary>
public sealed class SyslogOptions
{
    /// <summary>The collector's host name or address; empty turns syslog forwarding off.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 514;

    public SyslogTransport Transport { get; set; } = SyslogTransport.Udp;

    /// <summary>Syslog facility (0..23); 10 is security/authorization (authpriv).</summary>
    public int Facility { get; set; } = 10;

    /// <summary>HOSTNAME of the messages; the machine name when empty.</summary>
    public string? Hostname { get; set; }

    public string AppName { get; set; } = "proxus";

    /// <summary>Datagrams longer than this are shortened (RFC 5426 section 3.2: at least 480, should be 2048).</summary>
    public int MaxDatagramBytes { get; set; } = 2048;

    /// <summary>TLS: PEM file of the CA that issued the collector's certificate; the system's trust when empty.</summary>
    public string? TrustedCaPath { get; set; }

    /// <summary>TLS: the name the collector's certificate must carry; <see cref="Host"/> when empty.</summary>
    public string? ServerName { get; set; }

    /// <summary>TLS: PEM certificate (and <see cref="ClientKeyPath"/>) presented to a collector that asks for one.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientKeyPath { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the signed audit head is sent; zero sends none.</summary>
    public TimeSpan AuditHeadInterval { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);
}
