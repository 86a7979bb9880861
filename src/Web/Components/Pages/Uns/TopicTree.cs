using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Uns;

/// <summary>One level of the UNS tree: its name, full path, the tag's value if it is a leaf, and its children by name.</summary>
public sealed class TopicTree
{
    private readonly SortedDictionary<string, TopicTree> _children = new(StringComparer.Ordinal);

    private TopicTree(string name, string path)
    {
        Name = name;
        Path = path;
    }

    public string Name { get; }

    public string Path { get; }

    /// <summary>The current value when a tag is published at exactly this path.</summary>
    public TagValueView? Value { get; private set; }

    public IEnumerable<TopicTree> Children => _children.Values;

    /// <summary>The number of tags at or below this level.</summary>
    public int TagCount { get; private set; }

    /// <summary>A stable HTML id for this level, so a refreshed page keeps the same branches open.</summary>
    public string ElementId => "uns-" + string.Concat(Path.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '.'));

    public static TopicTree Build(IEnumerable<TagValueView> values)
    {
        var root = new TopicTree(string.Empty, string.Empty);
        foreach (var value in values)
        {
            var node = root;
            node.TagCount++;
            foreach (var level in value.Topic.Split('/'))
            {
                var path = node.Path.Length == 0 ? level : node.Path + "/" + level;
                if (!node._children.TryGetValue(level, out var child))
                {
                    child = new TopicTree(level, path);
                    node._children.Add(level, child);
                }

                node = child;
                node.TagCount++;
            }

            node.Value = value;
        }

        return root;
    }

    /// <summary>True when <paramref name="topic"/> is this level or lies below it.</summary>
    public bool Contains(string? topic)
        => topic is not null && (topic == Path || topic.StartsWith(Path + "/", StringComparison.Ordinal));
}
