"""The home page: the classic click counter, done with callbacks."""
