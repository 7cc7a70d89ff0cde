"""resolutions"""
