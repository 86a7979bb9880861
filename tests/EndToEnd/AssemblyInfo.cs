using System.Runtime.Versioning;

// Process-level tests: they read /proc, run bash and start Linux processes.
[assembly: SupportedOSPlatform("linux")]
