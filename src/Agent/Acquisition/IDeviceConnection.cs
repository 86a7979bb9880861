using Proxus.Core.Model;

namespace Proxus.Agent.Acquisition;

/// <summary>A driver connection to one device, shared by the poll groups of one configured connection.</summary>
internal interface IDeviceConnection : IAsyncDisposable
{
    /// <summary>Whether the last exchange with the device succeeded.</summary>
    bool IsConnected { get; }

    /// <summary>Prepares the reads of a group of tags (addresses parsed, requests planned once).</summary>
    IPollGroupReader CreateGroup(IReadOnlyList<Tag> tags);
}
