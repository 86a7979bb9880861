using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Proxus.Core.TagMaps;

/// <summary>
/// Builds a <see cref="YamlNode"/> tree from YamlDotNet's event parser under hard limits, without
/// recursion: anchors, aliases and explicit tags are refused at their first occurrence (no alias is
/// ever expanded), nesting deeper than the limit and documents with more nodes than the limit stop
/// the parse at once, and only one document is accepted.
/// </summary>
internal static class YamlTreeReader
{
    public static bool TryRead(string text, int maxDepth, int maxNodes, [NotNullWhen(true)] out YamlNode? root, [NotNullWhen(false)] out TagMapError? error)
    {
        root = null;
        try
        {
            return TryReadCore(new Parser(new StringReader(text)), maxDepth, maxNodes, out root, out error);
        }
        catch (YamlException exception)
        {
            error = new((int)exception.Start.Line, null, "YAML syntax error: " + exception.Message);
            return false;
        }
    }

    private static bool TryReadCore(Parser parser, int maxDepth, int maxNodes, out YamlNode? root, [NotNullWhen(false)] out TagMapError? error)
    {
        root = null;
        error = null;
        var open = new Stack<(YamlNode Node, string? PendingKey)>();
        var documents = 0;
        var nodes = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var line = (int)current.Start.Line;
            switch (current)
            {
                case DocumentStart when ++documents > 1:
                    error = new(line, null, "only one YAML document is allowed");
                    return false;
                case AnchorAlias:
                    error = new(line, null, "anchors and aliases are not supported");
                    return false;
                case NodeEvent node when !node.Anchor.IsEmpty:
                    error = new(line, null, "anchors and aliases are not supported");
                    return false;
                case NodeEvent node when !node.Tag.IsEmpty && !(node is Scalar && node.Tag.Value == "!"):
                    error = new(line, null, $"explicit YAML tags ({node.Tag.Value}) are not supported");
                    return false;
                case NodeEvent when ++nodes > maxNodes:
                    error = new(line, null, $"the document has more than {maxNodes} nodes");
                    return false;
                case MappingStart or SequenceStart when open.Count >= maxDepth:
                    error = new(line, null, $"nesting deeper than {maxDepth} levels");
                    return false;
                case MappingStart:
                    open.Push((new YamlMapping(line, []), null));
                    break;
                case SequenceStart:
                    open.Push((new YamlSequence(line, []), null));
                    break;
                case MappingEnd or SequenceEnd:
                    var (done, _) = open.Pop();
                    if (!TryAttach(open, done, out root, out error))
                    {
                        return false;
                    }

                    break;
                case Scalar scalar:
                    var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                    if (!TryAttach(open, new YamlScalar(line, isNull ? null : scalar.Value), out root, out error))
                    {
                        return false;
                    }

                    break;
            }
        }

        if (root is null)
        {
            error = new(0, null, "the document is empty");
            return false;
        }

        return true;
    }

    private static bool TryAttach(Stack<(YamlNode Node, string? PendingKey)> open, YamlNode node, out YamlNode? root, [NotNullWhen(false)] out TagMapError? error)
    {
        root = null;
        error = null;
        if (open.Count == 0)
        {
            root = node;
            return true;
        }

        var (parent, pendingKey) = open.Pop();
        if (parent is YamlSequence sequence)
        {
            sequence.Items.Add(node);
            open.Push((parent, null));
            return true;
        }

        var mapping = (YamlMapping)parent;
        if (pendingKey is not null)
        {
            mapping.Entries.Add(new(pendingKey, node));
            open.Push((parent, null));
            return true;
        }

        if (node is not YamlScalar { Value: { } key })
        {
            error = new(node.Line, null, "a mapping key must be text");
            return false;
        }

        if (mapping.Entries.Exists(entry => entry.Key == key))
        {
            error = new(node.Line, key, "the key appears twice");
            return false;
        }

        open.Push((parent, key));
        return true;
    }
}
