using System.Runtime.InteropServices;

namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Received PUBLISH payloads copied into shared slabs instead of an array each, for a receiver that
/// holds many messages until it acknowledges them (the server's UNS consumer keeps its whole receive
/// window, tens of thousands of messages, until their batch commits). A slab is reused once every
/// payload cut from it is released; pooled slabs live long, so the young-generation collections
/// neither allocate nor copy the payloads of the messages in flight. Payloads larger than
/// <see cref="LargestSlabPayload"/> get an array of their own.
/// </summary>
/// <remarks>
/// A payload is released at most once, and only when its reader is done with it (the client does so
/// when the message's acknowledgement leaves); its bytes may be overwritten afterwards. A payload
/// never released (the message was dropped, or its connection ended) keeps its slab out of the pool
/// for as long as the arena lives: the client makes one arena per connection, so what a connection
/// leaves unreleased goes to the collector with it. Thread-safe.
/// </remarks>
internal sealed class MqttPayloadArena
{
    /// <summary>Bytes per slab: below the large-object threshold.</summary>
    public const int SlabSize = 64 * 1024;

    /// <summary>Larger payloads are not cut from a slab.</summary>
    public const int LargestSlabPayload = 4 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], Slab> _slabs = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<Slab> _free = new();
    private readonly int _maximumFreeSlabs;
    private Slab? _current;

    /// <param name="maximumFreeSlabs">Released slabs kept for reuse; beyond it they are left to the collector.</param>
    public MqttPayloadArena(int maximumFreeSlabs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maximumFreeSlabs);
        _maximumFreeSlabs = maximumFreeSlabs;
    }

    /// <summary>Slabs allocated so far (reused ones counted once).</summary>
    public int SlabsCreated { get; private set; }

    /// <summary>Slabs whose payloads were all released, waiting for reuse.</summary>
    public int FreeSlabs
    {
        get
        {
            lock (_gate)
            {
                return _free.Count;
            }
        }
    }

    /// <summary>Payloads handed out and not released yet.</summary>
    public int Outstanding { get; private set; }

    /// <summary>A copy of <paramref name="payload"/>, cut from a slab when it is small enough.</summary>
    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> payload)
    {
        var memory = Allocate(payload.Length);
        payload.CopyTo(memory.Span);
        return memory;
    }

    /// <summary>Room for a payload of <paramref name="length"/> bytes, for the caller to fill before anyone reads it.</summary>
    public Memory<byte> Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0)
        {
            return Memory<byte>.Empty;
        }

        if (length > LargestSlabPayload)
        {
            return GC.AllocateUninitializedArray<byte>(length);
        }

        lock (_gate)
        {
            var slab = _current;
            if (slab is null || SlabSize - slab.Used < length)
            {
                if (slab is not null)
                {
                    // The arena's own reference: the slab is returned once its last payload is.
                    ReleaseLocked(slab);
                }

                slab = _current = TakeSlabLocked();
            }

            var memory = new Memory<byte>(slab.Buffer, slab.Used, length);
            slab.Used += length;
            slab.References++;
            Outstanding++;
            return memory;
        }
    }

    /// <summary>
    /// Gives back a payload from <see cref="Allocate"/> or <see cref="Copy"/>; its bytes may be reused
    /// at once. False, and nothing done, for memory the arena did not cut from a slab.
    /// </summary>
    /// <exception cref="InvalidOperationException">The slab has no payload left to release (a double release).</exception>
    public bool Release(ReadOnlyMemory<byte> payload)
    {
        if (payload.IsEmpty || !MemoryMarshal.TryGetArray(payload, out var segment) || segment.Array is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_slabs.TryGetValue(segment.Array, out var slab))
            {
                return false;
            }

            if (slab.References <= (ReferenceEquals(slab, _current) ? 1 : 0))
            {
                throw new InvalidOperationException("A payload was released more often than it was handed out.");
            }

            Outstanding--;
            ReleaseLocked(slab);
            return true;
        }
    }

    private Slab TakeSlabLocked()
    {
        if (!_free.TryPop(out var slab))
        {
            slab = new Slab(GC.AllocateUninitializedArray<byte>(SlabSize));
            _slabs.Add(slab.Buffer, slab);
            SlabsCreated++;
        }

        slab.Used = 0;
        slab.References = 1;
        return slab;
    }

    private void ReleaseLocked(Slab slab)
    {
        if (--slab.References > 0)
        {
            return;
        }

        if (_free.Count < _maximumFreeSlabs)
        {
            _free.Push(slab);
        }
        else
        {
            _slabs.Remove(slab.Buffer);
        }
    }

    private sealed class Slab(byte[] buffer)
    {
        public byte[] Buffer { get; } = buffer;

        /// <summary>Bytes handed out since the slab was taken.</summary>
        public int Used { get; set; }

        /// <summary>Payloads not yet released, plus one while the slab is the arena's current one.</summary>
        public int References { get; set; }
    }
}
