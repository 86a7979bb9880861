namespace Proxus.Agent.Commissioning;

/// <summary>One child reference found by a commissioning browse.</summary>
/// <param name="BrowseName">The target's browse name, <c>1:Temperature</c> (namespace index omitted for 0).</param>
/// <param name="NodeId">The target's node id, <c>ns=1;s=Temperature</c>.</param>
/// <param name="NodeClass">Object, Variable, Method, ...</param>
/// <param name="DataType">For a variable, the browse name of its data type (<c>Double</c>); null otherwise.</param>
public sealed record BrowseEntry(string BrowseName, string NodeId, string NodeClass, string? DataType);
