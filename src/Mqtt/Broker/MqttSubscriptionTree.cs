namespace Proxus.Mqtt.Broker;

/// <summary>
/// Subscriptions indexed by topic level (MQTT 5.0 section 4.7): matching a topic walks only the
/// branches its levels, '+' and '#' lead to, so its cost depends on the topic's depth and the number
/// of matches, not on how many subscriptions exist. Readers (publishes) run concurrently; writers
/// (subscribe, unsubscribe) are exclusive.
/// </summary>
internal sealed class MqttSubscriptionTree : IDisposable
{
    private readonly Node _root = new();
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private int _count;

    /// <summary>Subscriptions in the tree (shared ones counted per member).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds or replaces the session's subscription to the same filter.</summary>
    public void Add(MqttSessionSubscription subscription)
    {
        _lock.EnterWriteLock();
        try
        {
            var node = _root;
            foreach (var level in new TopicLevels(subscription.MatchingFilter))
            {
                node = node.GetOrAddChild(level);
            }

            bool added;
            if (subscription.ShareGroup is null)
            {
                node.Subscribers ??= [];
                added = !node.Subscribers.ContainsKey(subscription.Session);
                node.Subscribers[subscription.Session] = subscription;
            }
            else
            {
                node.SharedGroups ??= new Dictionary<string, SharedGroup>(StringComparer.Ordinal);
                if (!node.SharedGroups.TryGetValue(subscription.ShareGroup, out var group))
                {
                    group = new SharedGroup();
                    node.SharedGroups.Add(subscription.ShareGroup, group);
                }

                added = group.Set(subscription);
            }

            if (added)
            {
                _count++;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes the subscription (matched by session, filter and share group); false when absent.</summary>
    public bool Remove(MqttSessionSubscription subscription)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = Remove(_root, subscription, new TopicLevels(subscription.MatchingFilter).GetEnumerator());
            if (removed)
            {
                _count--;
            }

            return removed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Adds every non-shared subscription matching the topic to <paramref name="matches"/>, and one
    /// member (chosen round-robin, connected members first) of every matching shared group.
    /// </summary>
    public void Match(string topic, List<MqttSessionSubscription> matches)
    {
        var dollar = topic.Length > 0 && topic[0] == '$';
        _lock.EnterReadLock();
        try
        {
            Match(_root, topic, 0, dollar, matches);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private static void Match(Node node, string topic, int position, bool dollar, List<MqttSessionSubscription> matches)
    {
        var firstLevel = position == 0;
        if (node.MultiLevel is { } multi && !(firstLevel && dollar))
        {
            multi.Collect(matches);
        }

        if (position > topic.Length)
        {
            node.Collect(matches);
            return;
        }

        var end = topic.IndexOf('/', position);
        if (end < 0)
        {
            end = topic.Length;
        }

        if (node.Children is { } children
            && children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(topic.AsSpan(position, end - position), out var child))
        {
            Match(child, topic, end + 1, dollar, matches);
        }

        if (node.SingleLevel is { } single && !(firstLevel && dollar))
        {
            Match(single, topic, end + 1, dollar, matches);
        }
    }

    private static bool Remove(Node node, MqttSessionSubscription subscription, TopicLevels.Enumerator levels)
    {
        if (!levels.MoveNext())
        {
            if (subscription.ShareGroup is null)
            {
                return node.Subscribers?.Remove(subscription.Session) == true;
            }

            if (node.SharedGroups is null || !node.SharedGroups.TryGetValue(subscription.ShareGroup, out var group))
            {
                return false;
            }

            var removed = group.Remove(subscription.Session);
            if (group.IsEmpty)
            {
                node.SharedGroups.Remove(subscription.ShareGroup);
            }

            return removed;
        }

        var level = levels.Current;
        var child = level switch
        {
            "+" => node.SingleLevel,
            "#" => node.MultiLevel,
            _ => node.Children?.GetValueOrDefault(level),
        };
        if (child is null || !Remove(child, subscription, levels))
        {
            return false;
        }

        if (child.IsEmpty)
        {
            node.RemoveChild(level);
        }

        return true;
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children { get; private set; }

        public Node? SingleLevel { get; private set; }

        public Node? MultiLevel { get; private set; }

        public Dictionary<MqttSession, MqttSessionSubscription>? Subscribers { get; set; }

        public Dictionary<string, SharedGroup>? SharedGroups { get; set; }

        public bool IsEmpty => Children is not { Count: > 0 } && SingleLevel is null && MultiLevel is null
            && Subscribers is not { Count: > 0 } && SharedGroups is not { Count: > 0 };

        public Node GetOrAddChild(string level)
        {
            switch (level)
            {
                case "+":
                    return SingleLevel ??= new Node();
                case "#":
                    return MultiLevel ??= new Node();
                default:
                    Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                    if (!Children.TryGetValue(level, out var child))
                    {
                        child = new Node();
                        Children.Add(level, child);
                    }

                    return child;
            }
        }

        public void RemoveChild(string level)
        {
            switch (level)
            {
                case "+":
                    SingleLevel = null;
                    break;
                case "#":
                    MultiLevel = null;
                    break;
                default:
                    Children?.Remove(level);
                    break;
            }
        }

        public void Collect(List<MqttSessionSubscription> matches)
        {
            if (Subscribers is { } subscribers)
            {
                foreach (var subscription in subscribers.Values)
                {
                    matches.Add(subscription);
                }
            }

            if (SharedGroups is { } groups)
            {
                foreach (var group in groups.Values)
                {
                    if (group.Pick() is { } chosen)
                    {
                        matches.Add(chosen);
                    }
                }
            }
        }
    }

    /// <summary>The members of one share name on one filter; each message goes to one of them.</summary>
    private sealed class SharedGroup
    {
        private readonly List<MqttSessionSubscription> _members = [];
        private int _next;

        public bool IsEmpty => _members.Count == 0;

        public bool Set(MqttSessionSubscription subscription)
        {
            var index = _members.FindIndex(m => m.Session == subscription.Session);
            if (index >= 0)
            {
                _members[index] = subscription;
                return false;
            }

            _members.Add(subscription);
            return true;
        }

        public bool Remove(MqttSession session) => _members.RemoveAll(m => m.Session == session) > 0;

        /// <summary>Round-robin over the members, skipping those not connected when any is.</summary>
        public MqttSessionSubscription? Pick()
        {
            var count = _members.Count;
            if (count == 0)
            {
                return null;
            }

            // Called under the tree's read lock by concurrent publishers: the cursor is advanced atomically.
            var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)count);
            for (var i = 0; i < count; i++)
            {
                var candidate = _members[(start + i) % count];
                if (candidate.Session.IsConnected)
                {
                    return candidate;
                }
            }

            return _members[start];
        }
    }
}
