namespace Proxus.Server.Observability;

/// <summary>The Prometheus metric types this server exposes.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
