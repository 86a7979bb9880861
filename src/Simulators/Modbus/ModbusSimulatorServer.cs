using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Proxus.Simulators.Modbus;

/// <summary>
/// A Modbus TCP (MBAP) or RTU-over-TCP server on the simulated memory image, with moving values and
/// fault injection. Each connection is served in order; connections are served concurrently.
/// </summary>
public sealed partial class ModbusSimulatorServer : IAsyncDisposable
{
    private readonly ModbusSimulatorOptions _options;
    private readonly ILogger _logger;
    private readonly ModbusRequestHandler _handler;
    private readonly ModbusSignalGenerator _signals;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];

    public ModbusSimulatorServer(ModbusSimulatorOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger;
        Store = new ModbusDataStore();
        foreach (var value in options.Values)
        {
            Store.Write(value.ToTag(), value.ClrValue);
        }

        _handler = new ModbusRequestHandler(Store, options);
        _signals = new ModbusSignalGenerator(Store, options.Signals);
        _listener = new TcpListener(IPAddress.Parse(options.Host), options.Port);
    }

    public ModbusDataStore Store { get; }

    /// <summary>The bound endpoint, valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    public void Start()
    {
        _listener.Start();
        _signals.Update(TimeSpan.Zero);
        _tasks.Add(AcceptLoopAsync());
        if (_options.Signals.Count > 0)
        {
            _tasks.Add(UpdateLoopAsync());
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The accept loop ends on the cancellation; the listener is stopped after it, because an accept
        // begun after a stop throws "not listening" instead.
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks];
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
                socket.NoDelay = true;
                lock (_tasks)
                {
                    _tasks.RemoveAll(t => t.IsCompleted);
                    _tasks.Add(ServeAsync(socket));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task UpdateLoopAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.UpdateIntervalMs));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                _signals.Update(Stopwatch.GetElapsedTime(started));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Modbus client {Remote} connected")]
    private static partial void LogConnected(ILogger logger, EndPoint? remote);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Dropping the connection of {Remote} (fault injection)")]
    private static partial void LogDropped(ILogger logger, EndPoint? remote);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Modbus client {Remote} disconnected: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, EndPoint? remote, string reason);
}
