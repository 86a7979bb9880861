namespace Proxus.Demo.Api;

/// <summary>The answer of a tag-map publish: <c>created</c> or <c>unchanged</c>, with the version and how many agents got a new configuration.</summary>
public sealed record TagMapChangeDto(string Status, TagMapVersionDto Version, int AgentsIssued);
