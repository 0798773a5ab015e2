"""Qt widgets, dialogs and item models. They talk to models/, never to SQL."""
