namespace Proxus.Server.Tests.Documentation;

/// <summary>
/// A setting as docs/configuration.md must show it: its key, its environment variable (or "—"), its
/// default as the code has it (or "—" for none), and whether the page may describe the default in
/// words instead (a default computed at start-up, or a required option).
/// </summary>
public sealed record DocumentedSetting(string Key, string EnvironmentVariable, string Default, bool DescribedDefault = false);
