using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Proxus.Simulators.S7;

/// <summary>
/// A simulated S7 PLC: ISO-on-TCP (COTP CR/CC), Setup Communication and Read/Write Var for DB, M,
/// I, Q, T and C over an <see cref="S7MemoryImage"/>, with moving values and injectable faults.
/// </summary>
public sealed partial class S7SimulatorServer : IAsyncDisposable
{
    private readonly S7SimulatorOptions _options;
    private readonly ILogger _logger;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _tasks = [];
    private readonly Lock _tasksLock = new();
    private int _sessionCount;

    public S7SimulatorServer(S7SimulatorOptions options, ILogger<S7SimulatorServer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Memory = new S7MemoryImage(options.DataBlocks, options.FlagBytes, options.InputBytes, options.OutputBytes, options.Timers, options.Counters);
        _listener = new TcpListener(options.BindAddress, options.Port);
    }

    public S7MemoryImage Memory { get; }

    /// <summary>The bound port (the OS-assigned one when configured with port 0); valid after <see cref="Start"/>.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Start()
    {
        _listener.Start();
        var seed = _options.Faults.Seed ?? Random.Shared.Next();
        var generator = new S7SignalGenerator(Memory, _options.Signals, new Random(seed));
        generator.Update(TimeSpan.Zero);
        Track(generator.RunAsync(_stopping.Token));
        Track(AcceptLoopAsync(seed));
        LogListening(_logger, _options.BindAddress.ToString(), Port);
    }

    public async ValueTask DisposeAsync()
    {
        // The accept loop ends on the cancellation; the listener is stopped after it, because an accept
        // begun after a stop throws "not listening" instead.
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] pending;
        lock (_tasksLock)
        {
            pending = [.. _tasks];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        _listener.Stop();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(int seed)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            var number = Interlocked.Increment(ref _sessionCount);
            var session = new S7SimulatorSession(socket, Memory, _options, new Random(seed + number), _logger);
            Track(session.RunAsync(_stopping.Token));
        }
    }

    private void Track(Task task)
    {
        lock (_tasksLock)
        {
            _tasks.RemoveAll(t => t.IsCompleted);
            _tasks.Add(task);
        }
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "S7 simulator listening on {Address}:{Port}")]
    private static partial void LogListening(ILogger logger, string address, int port);
}
