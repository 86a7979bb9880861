using System.Runtime.Versioning;

// The demo is started by the bash script ./proxus and stops its children with kill(2): Linux only.
[assembly: SupportedOSPlatform("linux")]
