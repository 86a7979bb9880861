Console.WriteLine("proxus-agent");
