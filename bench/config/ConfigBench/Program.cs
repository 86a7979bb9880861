using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Proxus.Bench.Config;
using Proxus.Core.Configuration;
using Proxus.Core.TagMaps;

// Proxus.Bench.Config generate TAGS FILE   writes the synthetic site's CSV
// Proxus.Bench.Config run TAGS FILE        imports, validates, compiles and signs it; prints one line of figures
if (args.Length != 3 || args[0] is not ("generate" or "run"))
{
    Console.Error.WriteLine("usage: Proxus.Bench.Config generate|run TAGS FILE");
    return 2;
}

var tags = int.Parse(args[1], CultureInfo.InvariantCulture);
if (args[0] == "generate")
{
    SyntheticSite.WriteCsv(tags, args[2]);
    return 0;
}

using var self = Process.GetCurrentProcess();
var cpuStart = self.TotalProcessorTime;
var total = Stopwatch.StartNew();
var watch = Stopwatch.StartNew();
TagMapImportResult result;
using (var file = File.OpenRead(args[2]))
{
    result = TagMapCsv.Read(file, SyntheticSite.Site, SyntheticSite.Connections(tags));
}

var import = watch.Elapsed;
if (!result.Succeeded)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, result.Errors.Take(10)));
    return 1;
}

watch.Restart();
var configurations = AgentConfigurationCompiler.Agents(result.TagMap).Select(agent => AgentConfigurationCompiler.Compile(result.TagMap, agent)).ToList();
var compile = watch.Elapsed;

watch.Restart();
using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var signer = new ConfigSigner(key);
var envelopes = configurations.Select(configuration => signer.Sign(configuration, 1, TimeSpan.FromDays(7))).ToList();
var sign = watch.Elapsed;
var elapsed = total.Elapsed;
self.Refresh();
var cpu = self.TotalProcessorTime - cpuStart;

watch.Restart();
var verifier = new ConfigEnvelopeVerifier([key]);
var verified = envelopes.Count(envelope => verifier.Verify(envelope, ConfigAgent(envelope), null).Succeeded);
var verify = watch.Elapsed;
if (verified != envelopes.Count)
{
    Console.Error.WriteLine("an envelope did not verify");
    return 1;
}

var peakKiB = File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmHWM:", StringComparison.Ordinal))
    .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
Console.WriteLine(string.Join(' ', new object[]
{
    result.TagMap.Tags.Count, new FileInfo(args[2]).Length, configurations.Count, envelopes.Sum(e => (long)e.Length),
    import.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture), compile.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
    sign.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture), elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
    verify.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture), peakKiB, cpu.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
}.Select(value => Convert.ToString(value, CultureInfo.InvariantCulture))));
return 0;

static string ConfigAgent(byte[] envelope)
{
    var text = System.Text.Encoding.UTF8.GetString(envelope, 0, Math.Min(envelope.Length, 512));
    var start = text.IndexOf("\"agentId\":\"", StringComparison.Ordinal) + 11;
    return text[start..text.IndexOf('"', start)];
}
