"""The meeting room: the list of speakers and the room display (speakers/), votes by
delegation (votes/)."""
