using System.Diagnostics;
using System.Globalization;
using Proxus.Bench.Config;
using Proxus.Core.TagMaps;
using Proxus.Server.Configuration;

// Proxus.Bench.TagMaps TAGS CSV-FILE   prints one line: tags, load, sort index, page, search page, edit validate, load CPU (seconds), peak KiB
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Proxus.Bench.TagMaps TAGS CSV-FILE");
    return 2;
}

var tags = int.Parse(args[0], CultureInfo.InvariantCulture);
var imported = TagMapCsv.Read(File.ReadAllBytes(args[1]), SyntheticSite.Site, SyntheticSite.Connections(tags));
if (!imported.Succeeded)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, imported.Errors.Take(10)));
    return 1;
}

// What the server stores: the YAML export. A cache miss parses and validates it, then indexes.
var stored = TagMapYaml.ToUtf8Bytes(imported.TagMap);
var info = new TagMapVersionInfo(Guid.NewGuid(), 1, "bench", DateTimeOffset.UtcNow, string.Empty, string.Empty, imported.TagMap.Connections.Count, tags, null);
using var self = Process.GetCurrentProcess();
var cpuStart = self.TotalProcessorTime;
var watch = Stopwatch.StartNew();
var read = TagMapYaml.Read(stored, SyntheticSite.Site);
var indexed = new IndexedTagMap(info, read.TagMap!);
var load = watch.Elapsed;
self.Refresh();
var loadCpu = self.TotalProcessorTime - cpuStart;

// The first page in each order builds that order's index.
watch.Restart();
foreach (var key in Enum.GetValues<TagSortKey>())
{
    indexed.Query(new TagQuery(null, key, false, 0, 100));
}

var index = watch.Elapsed / Enum.GetValues<TagSortKey>().Length;

const int Rounds = 50;
var random = new Random(42);
watch.Restart();
for (var i = 0; i < Rounds; i++)
{
    indexed.Query(new TagQuery(null, (TagSortKey)(i % 4), i % 2 == 0, random.Next(tags - 100), 100));
}

var page = watch.Elapsed / Rounds;
watch.Restart();
var matches = 0;
for (var i = 0; i < Rounds; i++)
{
    matches += indexed.Query(new TagQuery("line" + (i % 10), TagSortKey.Address, false, 0, 100)).Total;
}

var search = watch.Elapsed / Rounds;
if (matches == 0)
{
    Console.Error.WriteLine("the search matched nothing");
    return 1;
}

// Editing one tag re-validates the whole version.
watch.Restart();
var errors = new TagMapValidator().Validate(indexed.Map);
var edit = watch.Elapsed;
if (errors.Count > 0)
{
    Console.Error.WriteLine("the version does not validate");
    return 1;
}

var peakKiB = File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmHWM:", StringComparison.Ordinal))
    .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
Console.WriteLine(string.Join(' ', new[] { load, index, page, search, edit, loadCpu }.Select(t => t.TotalSeconds.ToString("F4", CultureInfo.InvariantCulture)).Prepend(tags.ToString(CultureInfo.InvariantCulture)).Append(peakKiB)));
return 0;
