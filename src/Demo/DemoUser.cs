namespace Proxus.Demo;

/// <summary>A seeded person: one role, and (for an OtEngineer) every site of the sample enterprise.</summary>
public sealed record DemoUser(string UserName, string Role, bool AssignedToAllSites = false);
