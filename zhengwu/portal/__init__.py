"""Public disclosure (arts. 27-30, 《政府信息公开条例》):
the publication queue, the public portal, search, feeds, applications for disclosure.
"""
