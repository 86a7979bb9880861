namespace Proxus.Server.Monitoring;

/// <summary>How syslog messages travel to the collector.</summary>
public enum SyslogTransport
{
    /// <summary>One message per datagram (RFC 5426).</summary>
    Udp,

    /// <summary>TCP with octet-counting framing (RFC 6587 section 3.4.1).</summary>
    Tcp,

    /// <summary>TLS with octet-counting framing (RFC 5425).</summary>
    Tls,
}
