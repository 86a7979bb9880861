namespace Proxus.Core.Model;

/// <summary>Where and how a connection reaches its device; one derived record per protocol family.</summary>
public abstract record ConnectionEndpoint;
