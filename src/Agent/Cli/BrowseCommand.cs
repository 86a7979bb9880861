using System.CommandLine;

namespace Proxus.Agent.Cli;

/// <summary><c>browse URL [NODE] [--timeout S] [--pki DIR] [--json]</c>: lists an OPC UA node's children.</summary>
internal static class BrowseCommand
{
    public static Command Create(Func<string, string?> getEnvironmentVariable)
    {
        var common = new CommonOptions(getEnvironmentVariable);
        var node = new Argument<string?>("node") { Description = "The node whose children to list, e.g. ns=1;s=Line1; default the Objects folder (i=85)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("browse", "List the child references of an OPC UA node: browse name, node id, node class and, for variables, data type");
        common.AddConnectionTo(command);
        command.Add(node);
        command.SetAction((result, cancellationToken) => AgentCli.ExecuteAsync(result, async (output, _) =>
        {
            var endpoint = common.GetEndpoint(result);
            var service = common.CreateService(result);
            var entries = await service.BrowseAsync(endpoint, result.GetValue(node), cancellationToken).ConfigureAwait(false);
            if (result.GetValue(common.Json))
            {
                await BrowseEntryWriter.WriteJsonAsync(entries, output).ConfigureAwait(false);
            }
            else
            {
                await BrowseEntryWriter.WriteTextAsync(entries, output).ConfigureAwait(false);
            }

            return AgentCli.Success;
        }));
        return command;
    }
}
