using Proxus.Agent.Commissioning;
using Proxus.Core.Commands;
using Proxus.Core.Configuration;
using Proxus.Core.Model;

namespace Proxus.Agent.Commands;

internal sealed partial class AgentCommandProcessor
{
    /// <summary>The edge checks after the signature: diode mode, the tag, its type and limits, a write path. Null refusal when all pass.</summary>
    private static EdgeCheck Check(WriteCommand command, AgentConfiguration configuration)
    {
        if (configuration.DiodeMode)
        {
            return EdgeCheck.Refuse(CommandRefusal.DiodeMode, "the site is read-only (diode mode): no command is executed");
        }

        var tag = configuration.Tags.FirstOrDefault(t => t.Path.Equals(command.Tag));
        if (tag is null)
        {
            return EdgeCheck.Refuse(CommandRefusal.UnknownTag, $"the tag {command.Tag} is not in the agent's configuration");
        }

        if (!tag.Writable)
        {
            return EdgeCheck.Refuse(CommandRefusal.NotWritable, $"the tag {command.Tag} is not writable");
        }

        var type = CommandValue.ValueTypeOf(tag);
        if (command.DataType != type)
        {
            return EdgeCheck.Refuse(CommandRefusal.TypeMismatch, $"the command carries a {command.DataType} value; the tag takes {type}");
        }

        if (CommandValue.CheckLimits(tag, command.Value) is { } limits)
        {
            return EdgeCheck.Refuse(CommandRefusal.OutOfLimits, limits);
        }

        var connection = configuration.Connections.FirstOrDefault(c => string.Equals(c.Id, tag.Connection, StringComparison.OrdinalIgnoreCase));
        if (connection is null)
        {
            return EdgeCheck.Refuse(CommandRefusal.UnknownTag, $"the tag's connection {tag.Connection} is not in the agent's configuration");
        }

        var plan = TagWriteMapping.Plan(tag, connection.Protocol, command.Value, out var problem);
        return plan is { } write
            ? new EdgeCheck(CommandRefusal.None, string.Empty, (tag, connection, write.Raw, write.Format))
            : EdgeCheck.Refuse(CommandRefusal.Unsupported, problem!);
    }

    /// <summary>The outcome of the edge checks: a refusal, or the planned device write.</summary>
    private sealed record EdgeCheck(CommandRefusal Refusal, string Message, (Tag Tag, Connection Connection, string Raw, PointFormat Format)? Plan)
    {
        public static EdgeCheck Refuse(CommandRefusal refusal, string message) => new(refusal, message, null);
    }
}
